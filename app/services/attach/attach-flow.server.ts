import type { ContractMode } from "../../domain/contract/contract-state";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { customerPlanId } from "../../models/customer-plans.server";
import { listPlans } from "../../models/plans.server";
import { collectionModeFor } from "../../models/shop-settings.server";
import { previewAttach, readAttachSources, type AttachSources } from "./attach-plan.server";
import { stageView, type StageView } from "./checkout-schedule";
import type { ServiceDeps } from "../service-deps.server";

/** What the attach flow (the admin page and the draft-order action extension) offers for one draft order. */
export interface AttachOptions {
  readonly draftOrder: { readonly id: string; readonly name: string; readonly customer: string | null; readonly total: string; readonly currency: string };
  readonly mode: ContractMode;
  /** Active plans, the customer's last plan first, then the shop's default, then by name. */
  readonly plans: readonly { readonly id: string; readonly name: string; readonly isDefault: boolean }[];
}

export async function attachOptions(deps: ServiceDeps, shop: string, draftOrderId: string, sources?: AttachSources): Promise<AttachOptions> {
  const [{ draft, shopInfo, settings }, plans] = await Promise.all([
    sources ?? readAttachSources(deps, await deps.adminFor(shop), shop, draftOrderId),
    listPlans(deps.db, shop),
  ]);
  // An archived plan is never offered: the customer's last plan if still active, else the shop's default.
  const active = new Set(plans.map((plan) => plan.id));
  const customerPlan = draft.customer ? await customerPlanId(deps.db, shop, draft.customer.id) : null;
  const preferred = [customerPlan, settings.defaultPlanId].find((id) => id !== null && active.has(id)) ?? null;
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
  };
}

/** The schedule a plan gives a draft order, as the attach flow shows it: decimal strings, phrases for dates. */
export interface AttachPreviewView {
  readonly mode: ContractMode;
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
  const { schedule, mode } = await previewAttach(deps, shop, input, sources);
  const money = (minor: bigint) => formatMinorUnits(minor, schedule.currency);
  return {
    mode,
    currency: schedule.currency.code,
    total: money(schedule.total),
    stages: schedule.installments.map((installment) => ({
      ...stageView(installment, schedule.currency),
      tax: installment.tax.map((line) => ({ title: line.title, amount: money(line.amount) })),
    })),
  };
}
