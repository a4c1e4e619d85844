import type { Plan as PlanRow, Prisma } from "@prisma/client";
import { PlanError } from "../domain/plan-error";
import { compilePlanConfig } from "../domain/plan/plan-config";
import type { Plan } from "../domain/plan/plan";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";
import { NotFoundError } from "./model-errors.server";

/** Which syntax a plan's source is written in, read from its keys. */
export type PlanSyntax = "juston" | "stages" | "preset";

export interface StoredPlan extends Omit<PlanRow, "syntax" | "model"> {
  readonly syntax: PlanSyntax;
  /** The compiled plan model the schedule builder takes. */
  readonly model: Plan;
}

/**
 * A plan a person can fix: the name, or the config (the engine's PlanError, naming the key and, inside a
 * plan string, the 1-based column). Nothing is stored when it is thrown.
 */
export class PlanValidationError extends Error {
  readonly key: string;
  readonly column: number | undefined;
  readonly detail: string;

  constructor(key: string, detail: string, column?: number) {
    super(column === undefined ? `${key}: ${detail}` : `${key} (column ${column}): ${detail}`);
    this.name = "PlanValidationError";
    this.key = key;
    this.column = column;
    this.detail = detail;
  }
}

export class PlanNameTakenError extends Error {
  readonly planName: string;

  constructor(name: string) {
    super(`a plan named "${name}" already exists; choose another name or archive that plan first`);
    this.name = "PlanNameTakenError";
    this.planName = name;
  }
}

/** The config as the merchant typed or imported it (JSON text, kept verbatim), or already parsed. */
export type PlanConfigInput = string | Readonly<Record<string, unknown>>;

export interface CreatePlanInput {
  readonly name: string;
  readonly config: PlanConfigInput;
  readonly actor: AuditActor;
}

const MAX_NAME_LENGTH = 120;

export async function createPlan(db: Database, shop: string, input: CreatePlanInput): Promise<StoredPlan> {
  requireShop(shop);
  const name = checkedName(input.name);
  const compiled = compileConfig(input.config);
  return inTransaction(db, async (tx) => {
    await assertNameFree(tx, shop, name);
    const row = await tx.plan.create({ data: { shop, name, ...compiled } });
    await writeAudit(tx, shop, { actor: input.actor, action: "plan.created", planId: row.id, details: { name, syntax: row.syntax } });
    return toStoredPlan(row);
  });
}

export interface ListPlansOptions {
  readonly includeArchived?: boolean;
}

export async function listPlans(db: Database, shop: string, options: ListPlansOptions = {}): Promise<StoredPlan[]> {
  requireShop(shop);
  const rows = await db.plan.findMany({
    where: { shop, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(toStoredPlan);
}

/** The plan, archived or not (contracts keep pointing at archived plans); null for an unknown or foreign id. */
export async function getPlan(db: Database, shop: string, id: string): Promise<StoredPlan | null> {
  requireShop(shop);
  const row = await db.plan.findFirst({ where: { id, shop } });
  return row ? toStoredPlan(row) : null;
}

export interface UpdatePlanInput {
  readonly name?: string;
  readonly config?: PlanConfigInput;
  readonly actor: AuditActor;
}

/**
 * Renames a plan or replaces its config, with the same checks as creation. Contracts already made from the plan
 * keep their frozen schedules; only new contracts see the change.
 */
export async function updatePlan(db: Database, shop: string, id: string, input: UpdatePlanInput): Promise<StoredPlan> {
  requireShop(shop);
  const name = input.name === undefined ? undefined : checkedName(input.name);
  const compiled = input.config === undefined ? undefined : compileConfig(input.config);
  return inTransaction(db, async (tx) => {
    const current = await tx.plan.findFirst({ where: { id, shop } });
    if (!current) throw new NotFoundError("plan", id);
    if (name !== undefined && current.archivedAt === null) await assertNameFree(tx, shop, name, id);
    const row = await tx.plan.update({ where: { id }, data: { ...(name === undefined ? {} : { name }), ...compiled } });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "plan.updated",
      planId: id,
      details: {
        ...(name === undefined ? {} : { name: { from: current.name, to: name } }),
        ...(compiled === undefined ? {} : { source: { from: current.source, to: compiled.source } }),
      },
    });
    return toStoredPlan(row);
  });
}

export interface DuplicatePlanInput {
  /** Defaults to "<name> (copy)", numbered when that is taken too. */
  readonly name?: string;
  readonly actor: AuditActor;
}

/** A new, active plan with the same config, archived source or not: how a merchant starts from an old plan. */
export async function duplicatePlan(db: Database, shop: string, id: string, input: DuplicatePlanInput): Promise<StoredPlan> {
  requireShop(shop);
  const requestedName = input.name === undefined ? undefined : checkedName(input.name);
  return inTransaction(db, async (tx) => {
    const original = await tx.plan.findFirst({ where: { id, shop } });
    if (!original) throw new NotFoundError("plan", id);
    let name: string;
    if (requestedName === undefined) {
      name = await freeCopyName(tx, shop, original.name);
    } else {
      name = requestedName;
      await assertNameFree(tx, shop, name);
    }
    const row = await tx.plan.create({
      data: { shop, name, syntax: original.syntax, source: original.source, model: original.model },
    });
    await writeAudit(tx, shop, { actor: input.actor, action: "plan.duplicated", planId: row.id, details: { from: id, name } });
    return toStoredPlan(row);
  });
}

/** Hides a plan from new contracts and frees its name. Archiving twice changes nothing and writes no audit row. */
export async function archivePlan(db: Database, shop: string, id: string, actor: AuditActor): Promise<StoredPlan> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await tx.plan.findFirst({ where: { id, shop } });
    if (!current) throw new NotFoundError("plan", id);
    if (current.archivedAt !== null) return toStoredPlan(current);
    const row = await tx.plan.update({ where: { id }, data: { archivedAt: new Date() } });
    await writeAudit(tx, shop, { actor, action: "plan.archived", planId: id, details: { name: row.name } });
    return toStoredPlan(row);
  });
}

/**
 * Offers an archived plan to new contracts again. Its name must be free among active plans (PlanNameTakenError
 * otherwise: rename one of them first). Unarchiving an active plan changes nothing and writes no audit row.
 */
export async function unarchivePlan(db: Database, shop: string, id: string, actor: AuditActor): Promise<StoredPlan> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await tx.plan.findFirst({ where: { id, shop } });
    if (!current) throw new NotFoundError("plan", id);
    if (current.archivedAt === null) return toStoredPlan(current);
    await assertNameFree(tx, shop, current.name, id);
    const row = await tx.plan.update({ where: { id }, data: { archivedAt: null } });
    await writeAudit(tx, shop, { actor, action: "plan.unarchived", planId: id, details: { name: row.name } });
    return toStoredPlan(row);
  });
}

/** How many contracts were made from each of the shop's plans (plans without any are absent). */
export async function countContractsByPlan(db: Database, shop: string): Promise<Map<string, number>> {
  requireShop(shop);
  const groups = await db.contract.groupBy({ by: ["planId"], where: { shop }, _count: { _all: true } });
  return new Map(groups.map((group) => [group.planId, group._count._all]));
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new PlanValidationError("name", "a plan needs a name");
  if (trimmed.length > MAX_NAME_LENGTH) throw new PlanValidationError("name", `a plan name has at most ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

/** Parses and compiles the config; the engine's PlanError becomes a PlanValidationError with its key and column. */
function compileConfig(config: PlanConfigInput): { syntax: PlanSyntax; source: string; model: string } {
  let parsed: unknown;
  if (typeof config === "string") {
    try {
      parsed = JSON.parse(config);
    } catch (error) {
      throw new PlanValidationError("config", `not valid JSON: ${(error as Error).message}`);
    }
  } else {
    parsed = config;
  }
  let model: Plan;
  try {
    model = compilePlanConfig(parsed);
  } catch (error) {
    if (error instanceof PlanError) throw new PlanValidationError(error.key, error.detail, error.column);
    throw error;
  }
  const keys = Object.keys(parsed as object);
  const syntax: PlanSyntax = keys.includes("preset") ? "preset" : keys.includes("stages") ? "stages" : "juston";
  return {
    syntax,
    source: typeof config === "string" ? config : JSON.stringify(config, null, 2),
    model: JSON.stringify(model),
  };
}

/**
 * Names are unique per shop among active plans, compared without case ("Deposit" and "deposit" would be
 * indistinguishable in a picker). Checked inside the caller's transaction: the schema cannot express a unique
 * index that ignores archived rows.
 */
async function assertNameFree(tx: Prisma.TransactionClient, shop: string, name: string, exceptId?: string): Promise<void> {
  if ((await activeNames(tx, shop, exceptId)).has(name.toLocaleLowerCase())) throw new PlanNameTakenError(name);
}

async function freeCopyName(tx: Prisma.TransactionClient, shop: string, name: string): Promise<string> {
  const taken = await activeNames(tx, shop);
  // Room for " (copy 9999)" so the suffix is never cut off by the length limit.
  const stem = name.slice(0, MAX_NAME_LENGTH - 12);
  for (let number = 1; ; number += 1) {
    const candidate = `${stem} (copy${number === 1 ? "" : ` ${number}`})`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

async function activeNames(tx: Prisma.TransactionClient, shop: string, exceptId?: string): Promise<Set<string>> {
  const rows = await tx.plan.findMany({
    where: { shop, archivedAt: null, ...(exceptId === undefined ? {} : { id: { not: exceptId } }) },
    select: { name: true },
  });
  return new Set(rows.map((row) => row.name.toLocaleLowerCase()));
}

function toStoredPlan(row: PlanRow): StoredPlan {
  // Only this module writes `syntax` and `model`, from compileConfig, so they are read back as written.
  return { ...row, syntax: row.syntax as PlanSyntax, model: JSON.parse(row.model) as Plan };
}
