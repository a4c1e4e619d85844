import { ActionList, Button, Popover } from "@shopify/polaris";
import { useState } from "react";

import type { StageView } from "./contract-view";

/** What staff can do to a stage from its row; the page opens the form or sends the request. */
export type StageAction = "recordPayment" | "resendLink" | "retryCharge" | "waiveFee";

interface StageActionsMenuProps {
  readonly stage: StageView;
  readonly busy: boolean;
  readonly onAction: (action: StageAction, stage: StageView) => void;
}

/** A stage's actions in one menu, only those that apply to it now; nothing when none does. */
export function StageActionsMenu({ stage, busy, onAction }: StageActionsMenuProps) {
  const [open, setOpen] = useState(false);
  const choose = (action: StageAction) => () => {
    setOpen(false);
    onAction(action, stage);
  };
  const items = [
    stage.can.recordPayment ? { content: "Record payment…", onAction: choose("recordPayment") } : null,
    stage.can.resendLink ? { content: "Resend payment link", onAction: choose("resendLink") } : null,
    stage.can.retryCharge ? { content: "Retry card charge", onAction: choose("retryCharge") } : null,
    stage.can.waiveFee ? { content: "Waive late fee…", destructive: true, onAction: choose("waiveFee") } : null,
  ].filter((item) => item !== null);
  if (items.length === 0) return null;
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      preferredAlignment="right"
      activator={
        <Button disclosure size="slim" disabled={busy} onClick={() => setOpen((was) => !was)} accessibilityLabel={`Actions for stage ${stage.position}`}>
          Actions
        </Button>
      }
    >
      <ActionList actionRole="menuitem" items={items} />
    </Popover>
  );
}
