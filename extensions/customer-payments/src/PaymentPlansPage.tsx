/** @jsxImportSource preact */
import {ContractScheduleView} from '../../buyer-schedule/src/ContractBlock';
import type {Formatter} from '../../buyer-schedule/src/format';
import type {PlansStore} from './payment-plans-store';
import {plansPageView, type PlansPageView} from './payment-plans-view';

/** The customer account's "Payment plans" page: reads the store (subscribing to it) and renders the view. */
export function PaymentPlansPage({store, format}: {store: PlansStore; format: Formatter}) {
  return <PaymentPlansView view={plansPageView(store.state.value, format)} />;
}

export function PaymentPlansView({view}: {view: PlansPageView}) {
  switch (view.kind) {
    case 'loading':
      return (
        <s-page heading={view.heading}>
          <s-section>
            <s-text color="subdued">{view.message}</s-text>
            <s-skeleton-paragraph />
          </s-section>
        </s-page>
      );
    case 'error':
      return (
        <s-page heading={view.heading}>
          <s-banner tone="warning">{view.message}</s-banner>
        </s-page>
      );
    case 'plans':
      return (
        <s-page heading={view.heading}>
          <s-stack gap="large">
            {view.empty ? <s-text>{view.empty}</s-text> : null}
            {view.plans.map((plan) => (
              <s-section key={plan.key} heading={plan.name}>
                <s-stack gap="base">
                  <s-badge tone={plan.statusTone}>{plan.statusLabel}</s-badge>
                  <ContractScheduleView view={plan.schedule} embedded />
                </s-stack>
              </s-section>
            ))}
            {view.portal ? <s-link href={view.portal.url}>{view.portal.label}</s-link> : null}
          </s-stack>
        </s-page>
      );
  }
}
