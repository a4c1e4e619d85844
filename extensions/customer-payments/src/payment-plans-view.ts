import type {StageStatus} from '../../buyer-schedule/src/contract-api';
import {contractView, type ContractView, type LinkView} from '../../buyer-schedule/src/contract-view';
import type {Formatter} from '../../buyer-schedule/src/format';
import type {PlansResult} from './payment-plans-api';

export type PlansState = {kind: 'loading'} | PlansResult;

type ScheduleView = Extract<ContractView, {kind: 'schedule'}>;

export interface PlanView {
  key: string;
  /** "#1002", or "Payment plan" for a contract without a name. */
  name: string;
  /** "Active", "Awaiting deposit", "Paid in full", … */
  statusLabel: string;
  statusTone: 'neutral' | 'critical';
  /** The same view the order-status block shows: what is due (with "Pay now"), still to pay, paid, with invoice links. */
  schedule: ScheduleView;
}

export type PlansPageView =
  | {kind: 'loading'; heading: string; message: string}
  | {kind: 'error'; heading: string; message: string}
  | {kind: 'plans'; heading: string; empty: string | null; plans: PlanView[]; portal: LinkView | null};

const CONTRACT_STATUSES = ['pending', 'awaitingDeposit', 'active', 'completed', 'cancelled'];
const TROUBLE: readonly StageStatus[] = ['overdue', 'failed'];

export function plansPageView(state: PlansState, format: Formatter): PlansPageView {
  const heading = format.t('pageTitle');
  switch (state.kind) {
    case 'loading':
      return {kind: 'loading', heading, message: format.t('plan.loading')};
    case 'error':
      return {kind: 'error', heading, message: format.t('plan.loadError')};
    case 'ok': {
      const plans = state.plans.plans.flatMap((plan, index): PlanView[] => {
        const view = contractView({kind: 'ok', contract: plan.contract}, 'orderStatus', format);
        if (view.kind !== 'schedule') return [];
        const status = plan.contract.status;
        return [
          {
            key: `${index}:${plan.name ?? ''}`,
            name: plan.name ?? format.t('plan.untitled'),
            statusLabel: CONTRACT_STATUSES.includes(status) ? format.t(`plan.status.${status}`) : status,
            statusTone: plan.contract.stages.some((stage) => TROUBLE.includes(stage.status)) ? 'critical' : 'neutral',
            // The portal link is the page's, once, below the plans.
            schedule: {...view, portal: null},
          },
        ];
      });
      const portalUrl = state.plans.portalUrl;
      return {
        kind: 'plans',
        heading,
        empty: plans.length === 0 ? format.t('plan.empty') : null,
        plans,
        portal: portalUrl ? {label: format.t('plan.portal'), url: portalUrl} : null,
      };
    }
  }
}
