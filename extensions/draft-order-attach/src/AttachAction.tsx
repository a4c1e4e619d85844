/** @jsxImportSource preact */
import type {AttachStore} from './attach-store';
import {attachView, NO_PLANS, OPEN_IN_APP_LABEL, type AttachView, type FigureRow} from './attach-view';
import type {Formatter} from './format';

/** Connects the store to the view; reading `state.value` subscribes to it. */
export function AttachAction({store, draftOrderId, format}: {store: AttachStore; draftOrderId: string | undefined; format: Formatter}) {
  return (
    <AttachActionView
      view={attachView(store.state.value, draftOrderId, format)}
      onSelectPlan={(planId) => void store.selectPlan(planId)}
      onOverrideReason={(reason) => store.setOverrideReason(reason)}
      onConfirm={() => void store.confirm()}
    />
  );
}

export function AttachActionView({
  view,
  onSelectPlan,
  onOverrideReason,
  onConfirm,
}: {
  view: AttachView;
  onSelectPlan: (planId: string) => void;
  onOverrideReason: (reason: string) => void;
  onConfirm: () => void;
}) {
  return (
    <s-admin-action heading={view.heading} loading={view.loading}>
      <s-stack gap="base">
        {view.failure ? <s-banner tone="critical">{view.failure}</s-banner> : null}
        {view.draftOrder ? (
          <s-stack gap="small-300">
            <s-text type="strong">
              {view.draftOrder.name} · {view.draftOrder.customer}
            </s-text>
            <s-text>Total {view.draftOrder.total}</s-text>
            {view.mode ? <s-text color="subdued">{view.mode}</s-text> : null}
          </s-stack>
        ) : null}
        {view.terms ? (
          <s-stack gap="small-300">
            <s-heading>{view.terms.heading}</s-heading>
            <Figures rows={view.terms.rows} />
          </s-stack>
        ) : null}
        {view.credit ? <s-banner tone={view.credit.tone}>{view.credit.summary}</s-banner> : null}
        {view.noPlans ? <s-banner tone="warning">{NO_PLANS}</s-banner> : null}
        {view.plans.length > 0 ? (
          <s-select
            label="Payment plan"
            name="planId"
            value={view.selectedPlanId ?? undefined}
            onChange={(event) => {
              const planId = valueOf(event.currentTarget);
              if (planId) onSelectPlan(planId);
            }}
          >
            {view.plans.map((plan) => (
              <s-option key={plan.id} value={plan.id} selected={plan.id === view.selectedPlanId}>
                {plan.label}
              </s-option>
            ))}
          </s-select>
        ) : null}
        {view.termsApplied ? <s-text>{view.termsApplied}</s-text> : null}
        {view.nothingAtCheckout ? <s-text>{view.nothingAtCheckout}</s-text> : null}
        <Preview preview={view.preview} />
        {view.overLimit ? (
          <s-banner tone="critical" heading={view.overLimit.heading}>
            <s-stack gap="small-300">
              <s-paragraph>{view.overLimit.message}</s-paragraph>
              <Figures rows={view.overLimit.figures} />
            </s-stack>
          </s-banner>
        ) : null}
        {view.overrideReason ? (
          // The explanation is a text of its own: the extensions share one JSX typing, whose s-text-area (checkout's) has no `details`.
          <s-stack gap="small-300">
            <s-text-area
              label={view.overrideReason.label}
              name="overrideReason"
              required
              rows={2}
              value={view.overrideReason.value}
              error={view.overrideReason.error ?? undefined}
              onInput={(event) => onOverrideReason(valueOf(event.currentTarget))}
            />
            <s-text color="subdued">{view.overrideReason.details}</s-text>
          </s-stack>
        ) : null}
        {view.submitError ? <s-banner tone="critical">{view.submitError}</s-banner> : null}
      </s-stack>
      <s-button
        slot="primary-action"
        variant="primary"
        tone={view.confirm.tone}
        disabled={view.confirm.disabled}
        loading={view.confirm.loading}
        onClick={onConfirm}
      >
        {view.confirm.label}
      </s-button>
      {view.openInAppHref ? (
        <s-button slot="secondary-actions" href={view.openInAppHref}>
          {OPEN_IN_APP_LABEL}
        </s-button>
      ) : null}
    </s-admin-action>
  );
}

function Preview({preview}: {preview: AttachView['preview']}) {
  switch (preview.kind) {
    case 'none':
      return null;
    case 'loading':
      return <s-spinner accessibilityLabel="Loading the schedule preview" />;
    case 'error':
      return <s-banner tone="critical">{preview.message}</s-banner>;
    case 'ok':
      return (
        <s-stack gap="small">
          <s-heading>Schedule</s-heading>
          {preview.stages.map((stage) => (
            <s-stack key={stage.position} gap="none">
              <s-stack direction="inline" justifyContent="space-between">
                <s-text type="strong">
                  {stage.position}. {stage.title}
                </s-text>
                <s-text>{stage.amount}</s-text>
              </s-stack>
              <s-text color="subdued">{stage.when}</s-text>
              {stage.tax ? <s-text color="subdued">{stage.tax}</s-text> : null}
            </s-stack>
          ))}
          <s-text type="strong">Total {preview.total}</s-text>
        </s-stack>
      );
  }
}

function Figures({rows}: {rows: FigureRow[]}) {
  return (
    <s-stack gap="none">
      {rows.map((row) => (
        <s-stack key={row.label} direction="inline" justifyContent="space-between" gap="base">
          <s-text color="subdued">{row.label}</s-text>
          <s-text>{row.value}</s-text>
        </s-stack>
      ))}
    </s-stack>
  );
}

function valueOf(target: unknown): string {
  const value = typeof target === 'object' && target !== null ? (target as {value?: unknown}).value : undefined;
  return typeof value === 'string' ? value : '';
}
