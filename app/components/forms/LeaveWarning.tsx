import { Modal, Text } from "@shopify/polaris";
import { useEffect } from "react";

import { useLeaveWarning } from "./use-leave-warning";

/**
 * Asks before the app leaves a page with unsaved changes: App Bridge's own confirmation in Shopify's admin (it shakes
 * the save bar), a Polaris modal in local mode.
 */
export function LeaveWarning({ dirty, embedded }: { readonly dirty: boolean; readonly embedded: boolean }) {
  const blocker = useLeaveWarning(dirty);

  useEffect(() => {
    if (!embedded || blocker.state !== "blocked") return;
    shopify.saveBar.leaveConfirmation().then(
      () => blocker.proceed(),
      () => blocker.reset(),
    );
  }, [embedded, blocker]);

  if (embedded) return null;
  return (
    <Modal
      open={blocker.state === "blocked"}
      onClose={() => blocker.reset?.()}
      title="Leave page with unsaved changes?"
      primaryAction={{ content: "Leave page", destructive: true, onAction: () => blocker.proceed?.() }}
      secondaryActions={[{ content: "Stay", onAction: () => blocker.reset?.() }]}
    >
      <Modal.Section>
        <Text as="p">Leaving this page discards the changes you have not saved.</Text>
      </Modal.Section>
    </Modal>
  );
}
