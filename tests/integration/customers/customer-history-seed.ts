import type { PrismaClient } from "@prisma/client";

/** A stage to seed: its payments (and refunds) as ledger entries at instants. Money in minor units. */
export interface SeedStage {
  readonly amountMinor: bigint;
  readonly dueDate: string | null;
  readonly status: string;
  readonly payments?: readonly { readonly at: string; readonly amountMinor: bigint; readonly kind?: "payment" | "manualPayment" | "refund" }[];
}

export interface SeedContract {
  readonly shop: string;
  readonly customerId: string | null;
  readonly customerName?: string;
  readonly customerEmail?: string;
  readonly currency?: string;
  readonly timeZone?: string;
  readonly status?: string;
  readonly createdAt?: string;
  readonly stages: readonly SeedStage[];
}

let seeded = 0;

/**
 * A contract with its stages and ledger straight into the tables, as collection would have left them: stage
 * paidMinor is the sum of its payments, so the ledger and the stages agree.
 */
export async function seedHistoryContract(db: PrismaClient, input: SeedContract): Promise<{ contractId: string; stageIds: string[] }> {
  seeded += 1;
  const plan = await db.plan.create({ data: { shop: input.shop, name: `History plan ${seeded}`, syntax: "preset", source: "{}", model: "{}" } });
  const total = input.stages.reduce((sum, stage) => sum + stage.amountMinor, 0n);
  const contract = await db.contract.create({
    data: {
      shop: input.shop,
      planId: plan.id,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${9000 + seeded}`,
      sourceDraftName: `#D${seeded}`,
      customerId: input.customerId,
      customerName: input.customerName ?? null,
      customerEmail: input.customerEmail ?? null,
      currency: input.currency ?? "USD",
      totalMinor: total,
      mode: "stageOrder",
      status: input.status ?? "active",
      orderSnapshot: "{}",
      timeZone: input.timeZone ?? "UTC",
      ...(input.createdAt ? { createdAt: new Date(input.createdAt) } : {}),
    },
  });
  const stageIds: string[] = [];
  for (const [index, stage] of input.stages.entries()) {
    const paid = (stage.payments ?? []).filter((entry) => entry.kind !== "refund").reduce((sum, entry) => sum + entry.amountMinor, 0n);
    const row = await db.stage.create({
      data: {
        contractId: contract.id,
        position: index + 1,
        kind: "installment",
        title: `Payment ${index + 1}`,
        amountMinor: stage.amountMinor,
        taxShares: "[]",
        dueRule: "{}",
        dueDate: stage.dueDate,
        status: stage.status,
        paidMinor: paid,
      },
    });
    stageIds.push(row.id);
    for (const [entry, payment] of (stage.payments ?? []).entries()) {
      await db.ledgerEntry.create({
        data: {
          shop: input.shop,
          contractId: contract.id,
          stageId: row.id,
          kind: payment.kind ?? "payment",
          amountMinor: payment.amountMinor,
          currency: input.currency ?? "USD",
          shopifyRef: `ref-${row.id}-${entry}`,
          occurredAt: new Date(payment.at),
        },
      });
    }
  }
  return { contractId: contract.id, stageIds };
}
