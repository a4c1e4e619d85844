import type { PrismaClient } from "@prisma/client";

import type { ContractStatus } from "../../../app/domain/contract/contract-state";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import type { LedgerKind } from "../../../app/models/ledger.server";

export interface SeedStage {
  readonly status: StageStatus;
  readonly amount: bigint;
  readonly paid?: bigint;
  readonly dueDate: string | null;
}

export interface SeedContract {
  readonly status?: ContractStatus;
  readonly currency?: string;
  readonly customerId?: string | null;
  readonly customerName?: string | null;
  readonly customerEmail?: string | null;
}

/** Contract, stage and ledger rows as the models would have left them, written directly: the reports only read. */
export function reportSeed(db: PrismaClient, shop: string) {
  let planId: string | null = null;
  let drafts = 0;
  let refs = 0;
  return {
    async contract(stages: readonly SeedStage[], contract: SeedContract = {}): Promise<string> {
      drafts += 1;
      planId ??= (await db.plan.create({ data: { shop, name: "Plan", syntax: "preset", source: "{}", model: "{}" } })).id;
      const created = await db.contract.create({
        data: {
          shop,
          planId,
          sourceDraftOrderId: `gid://shopify/DraftOrder/${drafts}`,
          currency: contract.currency ?? "USD",
          totalMinor: stages.reduce((sum, stage) => sum + stage.amount, 0n),
          mode: "stageOrder",
          status: contract.status ?? "active",
          orderSnapshot: "{}",
          customerId: contract.customerId ?? null,
          customerName: contract.customerName ?? null,
          customerEmail: contract.customerEmail ?? null,
          stages: {
            create: stages.map((stage, index) => ({
              position: index + 1,
              kind: "installment",
              title: `Stage ${index + 1}`,
              amountMinor: stage.amount,
              paidMinor: stage.paid ?? (stage.status === "paid" ? stage.amount : 0n),
              taxShares: "[]",
              dueRule: "{}",
              status: stage.status,
              dueDate: stage.dueDate,
            })),
          },
        },
      });
      return created.id;
    },
    async entry(contractId: string, entry: { readonly kind?: LedgerKind; readonly amount: bigint; readonly currency?: string; readonly at: string }) {
      refs += 1;
      await db.ledgerEntry.create({
        data: {
          shop,
          contractId,
          kind: entry.kind ?? "payment",
          amountMinor: entry.amount,
          currency: entry.currency ?? "USD",
          shopifyRef: `ref-${refs}`,
          occurredAt: new Date(entry.at),
        },
      });
    },
  };
}
