/** @jsxImportSource preact */
import type {AttachStore} from './attach-store';
import {attachView, NO_PLANS, OPEN_IN_APP_LABEL, type AttachView} from './attach-view';
import type {Formatter} from './format';

/** Connects the store to the view; reading `state.value` subscribes to it. */
export function AttachAction({store, draftOrderId, format}: {store: AttachStore; draftOrderId: string | undefined; format: Formatter}) {
  return (
    <AttachActionView
      view={attachView(store.state.value, draftOrderId, format)}
      onSelectPlan={(planId) => void store.selectPlan(planId)}
      onConfirm={() => void store.confirm()}
    />
  );
}

export function AttachActionView({view, onSelectPlan, onConfirm}: {view: AttachView; onSelectPlan: (planId: string) => void; onConfirm: () => void}) {
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
        <Preview preview={view.preview} />
        {view.submitError ? <s-banner tone="critical">{view.submitError}</s-banner> : null}
      </s-stack>
      <s-button slot="primary-action" variant="primary" disabled={view.confirm.disabled} loading={view.confirm.loading} onClick={onConfirm}>
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

function valueOf(target: unknown): string {
  const value = typeof target === 'object' && target !== null ? (target as {value?: unknown}).value : undefined;
  return typeof value === 'string' ? value : '';
}
