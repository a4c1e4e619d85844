import type { ContractMode } from "../../domain/contract/contract-state";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { ordinal } from "../../domain/plan/offset-words";
import { standingView, type StandingView } from "../../components/customers/standing-view";
import { subjectStanding } from "../../models/customer-history.server";
import { customerPlanId } from "../../models/customer-plans.server";
import { listPlans } from "../../models/plans.server";
import { collectionModeFor } from "../../models/shop-settings.server";
import { previewAttach, readAttachSources, type AttachSources } from "./attach-plan.server";
import { stageView, type StageView } from "./checkout-schedule";
import type { ServiceDeps } from "../service-deps.server";
import { attachTermsView, type AttachTermsView } from "./attach-terms.server";

/** What the attach flow (the admin page and the draft-order action extension) offers for one draft order. */
export interface AttachOptions {
  readonly draftOrder: { readonly id: string; readonly name: string; readonly customer: string | null; readonly total: string; readonly currency: string };
  readonly mode: ContractMode;
  /** Active plans: the default plan of the customer's terms first, else their last plan, else the shop's default; then by name. */
  readonly plans: readonly { readonly id: string; readonly name: string; readonly isDefault: boolean }[];
  /** Why the first plan is offered first, when one is. */
  readonly defaultFrom: "terms" | "lastUsed" | "shop" | null;
  /** The customer's negotiated terms, what they owe and whether this order fits their credit limit. */
  readonly terms: AttachTermsView;
  /**
   * How the subject whose limit is weighed (else the draft's most specific: location, company, customer) has paid: its
   * reliability score and parts, as the customer page shows them. Null for a draft with no customer or company.
   */
  readonly standing: { readonly subjectName: string; readonly view: StandingView } | null;
}

export async function attachOptions(deps: ServiceDeps, shop: string, draftOrderId: string, sources?: AttachSources): Promise<AttachOptions> {
  const [{ draft, shopInfo, settings, terms }, plans] = await Promise.all([
    sources ?? readAttachSources(deps, await deps.adminFor(shop), shop, draftOrderId),
    listPlans(deps.db, shop),
  ]);
  const standing = terms.weighed
    ? { subjectName: terms.weighed.name, view: standingView(await subjectStanding(deps.db, shop, terms.weighed.subject, terms.check.today)) }
    : null;
  // An archived plan is never offered: the customer's last plan if still active, else the shop's default.
  const active = new Set(plans.map((plan) => plan.id));
  const customerPlan = draft.customer ? await customerPlanId(deps.db, shop, draft.customer.id) : null;
  const candidates = [
    { id: terms.resolved.defaultPlanId?.value ?? null, from: "terms" as const },
    { id: customerPlan, from: "lastUsed" as const },
    { id: settings.defaultPlanId, from: "shop" as const },
  ];
  const chosen = candidates.find((candidate) => candidate.id !== null && active.has(candidate.id)) ?? null;
  const preferred = chosen?.id ?? null;
  const ordered = [...plans.filter((plan) => plan.id === preferred), ...plans.filter((plan) => plan.id !== preferred)];
  return {
    draftOrder: {
      id: draft.id,
      name: draft.name,
      customer: draft.customer?.displayName ?? draft.email ?? null,
      total: draft.totalPriceSet.shopMoney.amount,
      currency: draft.currencyCode,
    },
    mode: collectionModeFor(settings, shopInfo.plan.shopifyPlus),
    plans: ordered.map((plan) => ({ id: plan.id, name: plan.name, isDefault: plan.id === preferred })),
    defaultFrom: chosen?.from ?? null,
    terms: attachTermsView(terms),
    standing,
  };
}

/** The schedule a plan gives a draft order, as the attach flow shows it: decimal strings, phrases for dates. */
export interface AttachPreviewView {
  readonly mode: ContractMode;
  /** The negotiated terms the schedule applies (deposit, net days), and the credit-limit decision, in words. */
  readonly termsApplied: string | null;
  readonly credit: AttachTermsView["credit"];
  /** What attaching does when nothing is due at checkout, in words; null when stage 1 is paid at checkout. */
  readonly nothingAtCheckout: string | null;
  readonly currency: string;
  readonly total: string;
  readonly stages: readonly (StageView & { readonly tax: readonly { readonly title: string; readonly amount: string }[] })[];
}

export async function attachPreviewView(
  deps: ServiceDeps,
  shop: string,
  input: { readonly draftOrderId: string; readonly planId: string },
  sources?: AttachSources,
): Promise<AttachPreviewView> {
  const { schedule, mode, terms, firstStageAtCheckout } = await previewAttach(deps, shop, input, sources);
  const money = (minor: bigint) => formatMinorUnits(minor, schedule.currency);
  const view = attachTermsView(terms);
  return {
    mode,
    termsApplied: termsAppliedWords(view),
    credit: view.credit,
    nothingAtCheckout: firstStageAtCheckout ? null : nothingAtCheckoutWords(schedule.installments[0]?.dueDate ?? null),
    currency: schedule.currency.code,
    total: money(schedule.total),
    stages: schedule.installments.map((installment) => ({
      ...stageView(installment, schedule.currency, firstStageAtCheckout),
      tax: installment.tax.map((line) => ({ title: line.title, amount: money(line.amount) })),
    })),
  };
}

/** Net terms: the draft becomes an order at once, with Shopify's payment terms on stage 1's date. */
function nothingAtCheckoutWords(firstDueDate: string | null): string {
  const terms = firstDueDate ? `due on ${firstDueDate}` : "due on fulfillment";
  return `Nothing is due at checkout: attaching completes the draft order into an order now, on payment terms ${terms}, and each stage is invoiced on its date.`;
}

/**
 * "Negotiated terms applied: a 20% deposit (Acme's terms (company)); 45 net days (…); payment on the next 5th or 20th
 * (…)", or null when none apply.
 */
function termsAppliedWords(view: AttachTermsView): string | null {
  const parts = [
    ...(view.depositPercent ? [`a ${view.depositPercent.value}% deposit (${view.depositPercent.from})`] : []),
    ...(view.netDays ? [`${view.netDays.value} net days (${view.netDays.from})`] : []),
    ...(view.paymentDays ? [`payment on the next ${view.paymentDays.value.map(ordinal).join(" or ")} (${view.paymentDays.from})`] : []),
  ];
  return parts.length === 0 ? null : `Negotiated terms applied: ${parts.join("; ")}.`;
}
