import type { AuditLog } from "@prisma/client";
import { inTransaction, requireShop, toJsonColumn, type Database } from "./database.server";

/** Who caused a change: a staff member, a webhook topic, a job kind, or the app itself. */
export type AuditActor = `staff:${string}` | `webhook:${string}` | `job:${string}` | "system";

const ACTOR_PATTERN = /^(?:(?:staff|webhook|job):\S+|system)$/;

export interface AuditInput {
  readonly actor: AuditActor;
  /** What happened, as `entity.verb`: `plan.created`, `stage.updated`, `ledger.recorded`. */
  readonly action: string;
  readonly contractId?: string;
  readonly planId?: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends Omit<AuditLog, "details" | "actor"> {
  readonly actor: AuditActor;
  readonly details: Record<string, unknown>;
}

/**
 * Writes one audit row. Model functions call it with their own transaction so the change and its record commit
 * together; the actor is checked at run time too because it often arrives from a route or a job payload.
 */
export async function writeAudit(db: Database, shop: string, input: AuditInput): Promise<AuditEntry> {
  requireShop(shop);
  if (!ACTOR_PATTERN.test(input.actor)) {
    throw new TypeError(`audit actor "${input.actor}" must be staff:<id>, webhook:<topic>, job:<kind> or system`);
  }
  const row = await inTransaction(db, (tx) =>
    tx.auditLog.create({
      data: {
        shop,
        actor: input.actor,
        action: input.action,
        contractId: input.contractId ?? null,
        planId: input.planId ?? null,
        details: toJsonColumn(input.details),
      },
    }),
  );
  return toAuditEntry(row);
}

export interface AuditQuery {
  readonly contractId?: string;
  readonly planId?: string;
  readonly limit?: number;
}

/** The shop's audit trail, newest first, optionally for one contract or plan. */
export async function listAudit(db: Database, shop: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
  requireShop(shop);
  const rows = await db.auditLog.findMany({
    where: {
      shop,
      ...(query.contractId === undefined ? {} : { contractId: query.contractId }),
      ...(query.planId === undefined ? {} : { planId: query.planId }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit ?? 200,
  });
  return rows.map(toAuditEntry);
}

function toAuditEntry(row: AuditLog): AuditEntry {
  return { ...row, actor: row.actor as AuditActor, details: JSON.parse(row.details) as Record<string, unknown> };
}
