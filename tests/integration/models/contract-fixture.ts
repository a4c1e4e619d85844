import type { PrismaClient } from "@prisma/client";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule, type Schedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput, type OrderInput } from "../../../app/domain/schedule/order-input";
import type { OrderSnapshot } from "../../../app/domain/schedule/order-snapshot";
import { createContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import { sampleOrder } from "../../unit/domain/sample-order";

/** 1200.00 EUR with 191.60 VAT, ordered 2027-01-15: the 30/50/20 preset makes 360.00 / 600.00 / 240.00. */
export function scheduledOrder(preset = "deposit-30-50-20-net30", order: Partial<OrderInput> = {}): { orderSnapshot: OrderSnapshot; schedule: Schedule } {
  const orderSnapshot = orderSnapshotFromInput(sampleOrder({ taxLines: [{ title: "VAT 19%", amount: "191.60" }], ...order }));
  return { orderSnapshot, schedule: buildSchedule(compilePlanConfig({ preset }), orderSnapshot) };
}

let plans = 0;

/** A new plan and a contract on it for a draft order of the shop, as attaching a plan would leave them. */
export async function seedContract(db: PrismaClient, shop: string, draftOrderId: string, preset = "deposit-30-50-20-net30"): Promise<StoredContract> {
  plans += 1;
  const plan = await createPlan(db, shop, { name: `Plan ${plans}`, config: { preset }, actor: "system" });
  return createContract(db, shop, { planId: plan.id, draftOrderId, mode: "stageOrder", actor: "system", ...scheduledOrder(preset) });
}
