import type { PrismaClient } from "@prisma/client";

import { createPlan } from "../../../app/models/plans.server";

export interface SeedStage {
  readonly amountMinor: bigint;
  readonly taxShares: readonly { title: string; amountMinor: bigint }[];
  readonly status: string;
  readonly title: string;
  readonly issueDate?: string;
  readonly dueDate?: string;
  readonly invoiceNumber?: string;
}

export interface SeedLedger {
  readonly kind: "payment" | "manualPayment" | "refund";
  readonly stage: number | null;
  readonly amountMinor: bigint;
  readonly at: string;
}

export interface SeedContract {
  readonly id: string;
  readonly currency: string;
  readonly draftName: string;
  readonly orderName?: string;
  readonly customerName: string;
  readonly timeZone?: string;
  readonly status?: string;
  readonly fulfilledOn?: string;
  readonly cancelledOn?: string;
  readonly cancellation?: string;
  readonly stages: readonly SeedStage[];
  readonly ledger: readonly SeedLedger[];
}

/** Writes a contract with its stages and ledger rows exactly as given: the books read these facts and nothing else. */
export async function seedContract(db: PrismaClient, shop: string, spec: SeedContract): Promise<void> {
  const plan = await createPlan(db, shop, { name: `Plan ${spec.id}`, config: { preset: "deposit-30-50-20-net30" }, actor: "system" });
  const total = spec.stages.reduce((sum, stage) => sum + stage.amountMinor, 0n);
  await db.contract.create({
    data: {
      id: spec.id,
      shop,
      planId: plan.id,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${spec.id}`,
      sourceDraftName: spec.draftName,
      mainOrderName: spec.orderName ?? null,
      customerName: spec.customerName,
      customerEmail: `${spec.id}@example.com`,
      currency: spec.currency,
      totalMinor: total,
      mode: "stageOrder",
      status: spec.status ?? "active",
      orderSnapshot: "{}",
      timeZone: spec.timeZone ?? "UTC",
      fulfilledOn: spec.fulfilledOn ?? null,
      cancelledOn: spec.cancelledOn ?? null,
      cancellation: spec.cancellation ?? null,
      stages: {
        create: spec.stages.map((stage, index) => ({
          id: `${spec.id}-s${index + 1}`,
          position: index + 1,
          kind: "installment",
          title: stage.title,
          amountMinor: stage.amountMinor,
          taxShares: JSON.stringify(stage.taxShares.map((share) => ({ title: share.title, amountMinor: share.amountMinor.toString() }))),
          dueRule: JSON.stringify({ netDays: 0 }),
          issueDate: stage.issueDate ?? null,
          dueDate: stage.dueDate ?? null,
          status: stage.status,
          invoiceNumber: stage.invoiceNumber ?? null,
        })),
      },
    },
  });
  await db.ledgerEntry.createMany({
    data: spec.ledger.map((entry, index) => ({
      shop,
      contractId: spec.id,
      stageId: entry.stage === null ? null : `${spec.id}-s${entry.stage}`,
      kind: entry.kind,
      amountMinor: entry.amountMinor,
      currency: spec.currency,
      shopifyRef: `${spec.id}-ref-${index}`,
      occurredAt: new Date(entry.at),
    })),
  });
}

const tax = (state: bigint, city: bigint) => [
  { title: "State tax", amountMinor: state },
  { title: "City tax", amountMinor: city },
];

/**
 * Three contracts of one shop: a 30/50/20 USD contract that shipped in February and was paid in full with a refund
 * after shipping; a USD contract cancelled in March keeping its deposit as credit; a JPY contract with a deposit paid
 * and refunded in part. Some entries fall in January, some in February and March.
 */
export async function seedBooksShop(db: PrismaClient, shop: string): Promise<void> {
  await seedContract(db, shop, {
    id: "books-a",
    currency: "USD",
    draftName: "#D1",
    orderName: "#1001",
    customerName: "Acme Industrial",
    fulfilledOn: "2027-02-10",
    stages: [
      {
        title: "Deposit",
        amountMinor: 33_000n,
        taxShares: tax(1_800n, 1_200n),
        status: "paid",
        issueDate: "2027-01-05",
        dueDate: "2027-01-05",
        invoiceNumber: "T-1",
      },
      {
        title: "Pre-shipping",
        amountMinor: 55_000n,
        taxShares: tax(3_000n, 2_000n),
        status: "paid",
        issueDate: "2027-02-01",
        dueDate: "2027-02-08",
        invoiceNumber: "T-2",
      },
      {
        title: "Balance",
        amountMinor: 22_000n,
        taxShares: tax(1_200n, 800n),
        status: "paid",
        issueDate: "2027-02-10",
        dueDate: "2027-03-12",
        invoiceNumber: "T-3",
      },
    ],
    ledger: [
      { kind: "payment", stage: 1, amountMinor: 33_000n, at: "2027-01-05T10:00:00Z" },
      { kind: "payment", stage: 2, amountMinor: 55_000n, at: "2027-02-03T09:00:00Z" },
      { kind: "refund", stage: 2, amountMinor: 5_500n, at: "2027-02-20T09:00:00Z" },
      { kind: "manualPayment", stage: 3, amountMinor: 22_000n, at: "2027-03-10T15:00:00Z" },
    ],
  });
  await seedContract(db, shop, {
    id: "books-b",
    currency: "USD",
    draftName: "#D2",
    customerName: "=Formula Buyer",
    status: "cancelled",
    cancelledOn: "2027-03-04",
    cancellation: JSON.stringify({ settlement: "keepAsCredit" }),
    stages: [
      {
        title: "Deposit",
        amountMinor: 33_000n,
        taxShares: tax(1_800n, 1_200n),
        status: "paid",
        issueDate: "2027-01-20",
        dueDate: "2027-01-20",
        invoiceNumber: "T-4",
      },
      {
        title: "Pre-shipping",
        amountMinor: 55_000n,
        taxShares: tax(3_000n, 2_000n),
        status: "cancelled",
        issueDate: "2027-03-01",
        dueDate: "2027-03-15",
        invoiceNumber: "T-5",
      },
      { title: "Balance", amountMinor: 22_000n, taxShares: tax(1_200n, 800n), status: "cancelled" },
    ],
    ledger: [{ kind: "payment", stage: 1, amountMinor: 33_000n, at: "2027-01-20T10:00:00Z" }],
  });
  await seedContract(db, shop, {
    id: "books-c",
    currency: "JPY",
    draftName: "#D3",
    customerName: "Tanaka Kōgyō",
    timeZone: "Asia/Tokyo",
    stages: [
      {
        title: "Deposit",
        amountMinor: 33_000n,
        taxShares: [{ title: "Consumption tax 10%", amountMinor: 3_000n }],
        status: "paid",
        issueDate: "2027-02-02",
        dueDate: "2027-02-02",
        invoiceNumber: "T-6",
      },
      { title: "Balance", amountMinor: 77_000n, taxShares: [{ title: "Consumption tax 10%", amountMinor: 7_000n }], status: "scheduled" },
    ],
    ledger: [
      { kind: "payment", stage: 1, amountMinor: 33_000n, at: "2027-02-01T16:00:00Z" },
      { kind: "refund", stage: 1, amountMinor: 10_000n, at: "2027-02-15T01:00:00Z" },
    ],
  });
}
