/** @jsxImportSource preact */
import type {Acceptance, CheckoutDeps} from './acceptance';
import {hasBlockProgress, readSchedule} from './acceptance';
import {checkoutView, type CheckoutStageRow, type CheckoutView} from './checkout-view';
import type {Formatter} from './format';

/** Connects the checkout API and the acceptance state to the view; reading `.value` subscribes. */
export function CheckoutBlock({deps, acceptance, format}: {deps: CheckoutDeps; acceptance: Acceptance; format: Formatter}) {
  const view = checkoutView(
    readSchedule(deps),
    {
      canBlockProgress: hasBlockProgress(deps),
      accepted: acceptance.accepted.value,
      showError: acceptance.showError.value,
    },
    format,
  );
  return <CheckoutScheduleView view={view} onAcceptChange={acceptance.setAccepted} />;
}

export function CheckoutScheduleView({view, onAcceptChange}: {view: CheckoutView | null; onAcceptChange: (checked: boolean) => void}) {
  if (!view) return null;
  return (
    <s-stack gap="base">
      <s-heading>{view.heading}</s-heading>
      <s-stack gap="none">
        <s-text type="strong">{view.today.line}</s-text>
        <s-text color="subdued">{view.today.title}</s-text>
      </s-stack>
      {view.later ? (
        <s-stack gap="small">
          <s-text type="strong">{view.later.total}</s-text>
          {view.later.rows.map((row) => (
            <StageLine key={row.key} row={row} />
          ))}
        </s-stack>
      ) : null}
      {view.taxExplanation ? <s-text color="subdued">{view.taxExplanation}</s-text> : null}
      {view.acceptance ? (
        <s-checkbox
          name="tranche-accept-schedule"
          label={view.acceptance.label}
          required
          checked={view.acceptance.checked}
          error={view.acceptance.error}
          onChange={(event) => onAcceptChange(isChecked(event.currentTarget))}
        />
      ) : null}
      {view.notice ? <s-text color="subdued">{view.notice}</s-text> : null}
    </s-stack>
  );
}

function StageLine({row}: {row: CheckoutStageRow}) {
  return (
    <s-stack direction="inline" justifyContent="space-between" gap="base">
      <s-stack gap="none">
        <s-text>{row.title}</s-text>
        <s-text color="subdued">{row.when}</s-text>
        {row.taxNote ? <s-text color="subdued">{row.taxNote}</s-text> : null}
      </s-stack>
      <s-text>{row.amount}</s-text>
    </s-stack>
  );
}

function isChecked(target: unknown): boolean {
  return typeof target === 'object' && target !== null && (target as {checked?: unknown}).checked === true;
}
