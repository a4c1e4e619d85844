import { requireShop, type Database } from "./database.server";

/** The plan staff last attached for this customer, which the attach flow offers first next time. */
export async function customerPlanId(db: Database, shop: string, customerId: string): Promise<string | null> {
  requireShop(shop);
  const row = await db.customerPlan.findUnique({ where: { shop_customerId: { shop, customerId } } });
  return row?.planId ?? null;
}

export async function rememberCustomerPlan(db: Database, shop: string, customerId: string, planId: string): Promise<void> {
  requireShop(shop);
  await db.customerPlan.upsert({ where: { shop_customerId: { shop, customerId } }, create: { shop, customerId, planId }, update: { planId } });
}
