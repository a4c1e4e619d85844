import { Form } from "@remix-run/react";
import { Button } from "@shopify/polaris";

interface PlanActionButtonProps {
  readonly planId: string;
  readonly intent: "duplicate" | "archive" | "unarchive";
  readonly label: string;
  /** Names the plan for screen readers, where the button sits in a row of many. */
  readonly accessibilityLabel: string;
}

/** A one-button form posting a plan action (see plan-list-action.server.ts) to the current route. */
export function PlanActionButton({ planId, intent, label, accessibilityLabel }: PlanActionButtonProps) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="planId" value={planId} />
      <Button submit size="slim" accessibilityLabel={accessibilityLabel}>
        {label}
      </Button>
    </Form>
  );
}
