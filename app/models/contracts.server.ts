import { Prisma, type Contract as ContractRow, type Stage as StageRow } from "@prisma/client";
import type { Cancellation, ContractMode, ContractStageKind, ContractStatus } from "../domain/contract/contract-state";
import { assertStageTransition, isStageStatus, UNPAID_STAGE_STATUSES, type StageStatus } from "../domain/contract/stage-status";
import { addDays, calendarDateAt, type CalendarDate } from "../domain/dates/calendar-date";
import type { PendingPaymentRules, StagePaymentTerms } from "../domain/documents/stage-payment-terms";
import type { Currency } from "../domain/money/currency";
import { paymentRulesInCurrency } from "../domain/payment-rules/payment-rules-config";
import type { Plan } from "../domain/plan/plan";
import type { Schedule } from "../domain/schedule/build-schedule";
import type { OrderSnapshot, TaxLine } from "../domain/schedule/order-snapshot";
import { writeAudit, type AuditActor } from "./audit-log.server";
import {
  cancellationFromColumn,
  cancellationToColumn,
  dueRuleFromColumn,
  dueRuleToColumn,
  orderSnapshotFromColumn,
  orderSnapshotToColumn,
  paymentTermsFromColumn,
  paymentTermsToColumn,
  taxSharesFromColumn,
  taxSharesToColumn,
  type StageDueRule,
} from "./contract-columns.server";
import { inTransaction, isUniqueViolation, minorUnitsFromSum, requireShop, type Database } from "./database.server";
import { ConcurrencyConflictError, NotFoundError } from "./model-errors.server";
import { queueBuyerEmail } from "./outgoing-emails.server";
import { moneyHeld } from "../domain/contract/stage-money";
import { LATE_FEE_PAYABLE_DAYS, lateFeePosition } from "../domain/contract/late-fee-stage";

export type { ContractMode, ContractStatus };

export interface StoredStage extends Omit<StageRow, "kind" | "status" | "taxShares" | "dueRule" | "issueDate" | "dueDate" | "paymentTerms"> {
  readonly kind: ContractStageKind;
  readonly status: StageStatus;
  readonly taxShares: TaxLine[];
  readonly dueRule: StageDueRule;
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly paymentTerms: StagePaymentTerms;
}

export interface StoredContract extends Omit<ContractRow, "mode" | "status" | "orderSnapshot" | "cancellation"> {
  readonly mode: ContractMode;
  readonly status: ContractStatus;
  readonly orderSnapshot: OrderSnapshot;
  readonly cancellation: Cancellation | null;
  /** Ordered by position. */
  readonly stages: StoredStage[];
}

/** The contract's stage at `position`; a position the planner named and the contract lacks is a bug. */
export function stageAt(contract: StoredContract, position: number): StoredStage {
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new Error(`contract ${contract.id} has no stage ${position}`);
  return stage;
}

/** A draft order gets one contract: attaching a plan twice (a double click, a retried request) is refused. */
export class ContractExistsError extends Error {
  readonly draftOrderId: string;
  readonly existingContractId: string;

  constructor(draftOrderId: string, existingContractId: string) {
    super(`draft order ${draftOrderId} already has contract ${existingContractId}; cancel it before attaching another plan`);
    this.name = "ContractExistsError";
    this.draftOrderId = draftOrderId;
    this.existingContractId = existingContractId;
  }
}

/** A schedule that does not add up to the order it claims to be for: a bug upstream, never stored. */
export class InvalidScheduleError extends Error {
  constructor(detail: string) {
    super(`the schedule cannot be stored: ${detail}`);
    this.name = "InvalidScheduleError";
  }
}

export interface CreateContractInput {
  /** The id to store under, when the caller had to name the contract before storing it (on the Shopify draft). */
  readonly id?: string;
  readonly planId: string;
  readonly timeZone?: string;
  readonly sourceDraftName?: string;
  readonly draftOrderId: string;
  readonly customerId?: string;
  readonly customerName?: string;
  /** The buyer's locale as Shopify has it ("de"): the language of their emails and documents. */
  readonly buyerLocale?: string;
  readonly customerEmail?: string;
  readonly companyLocationId?: string;
  /** The B2B company of the draft's purchasing entity (customer terms, issue 14: a company's exposure). */
  readonly companyId?: string;
  readonly mode: ContractMode;
  /** False for net terms: stage 1 is not paid at checkout but collected later, like every other stage. Default true. */
  readonly firstStageAtCheckout?: boolean;
  readonly orderSnapshot: OrderSnapshot;
  readonly schedule: Schedule;
  readonly actor: AuditActor;
  /** Created already holding the work lock: no sync can take the contract between its creation and the holder's work. */
  readonly lock?: { readonly holder: string; readonly until: Date };
}

/** Stores a contract and one stage per scheduled installment, all or nothing. */
export async function createContract(db: Database, shop: string, input: CreateContractInput): Promise<StoredContract> {
  requireShop(shop);
  assertScheduleFitsOrder(input.schedule, input.orderSnapshot);
  try {
    return await inTransaction(db, async (tx) => {
      const plan = await tx.plan.findFirst({ where: { id: input.planId, shop }, select: { id: true, model: true } });
      if (!plan) throw new NotFoundError("plan", input.planId);
      const pending = pendingRulesOf(plan.model, input.schedule.currency);
      const status: ContractStatus = "pending";
      const contract = await tx.contract.create({
        data: {
          ...(input.id === undefined ? {} : { id: input.id }),
          shop,
          planId: plan.id,
          timeZone: input.timeZone ?? "UTC",
          sourceDraftName: input.sourceDraftName ?? null,
          sourceDraftOrderId: input.draftOrderId,
          customerId: input.customerId ?? null,
          customerName: input.customerName ?? null,
          buyerLocale: input.buyerLocale ?? null,
          customerEmail: input.customerEmail ?? null,
          companyLocationId: input.companyLocationId ?? null,
          companyId: input.companyId ?? null,
          ...(input.lock ? { lockedBy: input.lock.holder, lockedUntil: input.lock.until } : {}),
          currency: input.schedule.currency.code,
          totalMinor: input.schedule.total,
          mode: input.mode,
          firstStageAtCheckout: input.firstStageAtCheckout ?? true,
          status,
          orderSnapshot: orderSnapshotToColumn(input.orderSnapshot),
          stages: {
            create: input.schedule.installments.map((installment) => ({
              position: installment.position,
              kind: installment.kind,
              title: installment.title,
              amountMinor: installment.amount,
              taxShares: taxSharesToColumn(installment.tax),
              dueRule: dueRuleToColumn(installment),
              issueDate: installment.issueDate,
              dueDate: installment.dueDate,
              paymentTerms: paymentTermsToColumn(installment.dueDate === null && pending ? { pending } : installment),
            })),
          },
        },
      });
      await writeAudit(tx, shop, {
        actor: input.actor,
        action: "contract.created",
        contractId: contract.id,
        planId: plan.id,
        details: { draftOrderId: input.draftOrderId, mode: input.mode, totalMinor: input.schedule.total, stages: input.schedule.installments.length },
      });
      return readContract(tx, shop, contract.id);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.contract.findFirst({
      where: { shop, sourceDraftOrderId: input.draftOrderId, status: { not: "cancelled" } },
      select: { id: true },
    });
    if (!existing) throw error;
    throw new ContractExistsError(input.draftOrderId, existing.id);
  }
}

/**
 * The plan's early-payment and late-fee rules in the order's currency, kept on a stage still waiting for its event:
 * the schedule could not make its offer and notice without dates. Read from the plan the schedule was built from
 * (negotiated customer terms change its stages, never its rules); undefined when the plan has neither.
 */
export function pendingRulesOf(planModel: string, currency: Currency): PendingPaymentRules | undefined {
  const rules = (JSON.parse(planModel) as Plan).paymentRules;
  if (!rules?.earlyPayment && !rules?.lateFee) return undefined;
  return paymentRulesInCurrency(rules, currency, "paymentRules");
}

/** The contract with its stages by position; null for an unknown id or another shop's. */
export async function getContract(db: Database, shop: string, id: string): Promise<StoredContract | null> {
  requireShop(shop);
  const row = await db.contract.findFirst({ where: { id, shop }, include: STAGES_IN_ORDER });
  return row ? toStoredContract(row) : null;
}

/**
 * The contract made for a source draft order (what the draft's custom attributes and webhooks point at): the live one,
 * or, when every contract of the draft was cancelled, the newest of them.
 */
export async function findContractByDraftOrder(db: Database, shop: string, draftOrderId: string): Promise<StoredContract | null> {
  requireShop(shop);
  const row =
    (await db.contract.findFirst({ where: { shop, sourceDraftOrderId: draftOrderId, status: { not: "cancelled" } }, include: STAGES_IN_ORDER })) ??
    (await db.contract.findFirst({
      where: { shop, sourceDraftOrderId: draftOrderId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: STAGES_IN_ORDER,
    }));
  return row ? toStoredContract(row) : null;
}

/** The contract an order belongs to: its main order, or the order a stage draft became. */
export async function findContractByOrder(db: Database, shop: string, orderId: string): Promise<StoredContract | null> {
  requireShop(shop);
  const row = await db.contract.findFirst({
    where: { shop, OR: [{ mainOrderId: orderId }, { stages: { some: { stageOrderId: orderId } } }] },
    include: STAGES_IN_ORDER,
  });
  return row ? toStoredContract(row) : null;
}

/** The contract whose source draft became this order. */
export async function findContractByMainOrder(db: Database, shop: string, mainOrderId: string): Promise<StoredContract | null> {
  requireShop(shop);
  const row = await db.contract.findFirst({ where: { shop, mainOrderId }, include: STAGES_IN_ORDER });
  return row ? toStoredContract(row) : null;
}

/** The contract one of whose stages is collected through this stage draft order (stage-order mode). */
export async function findContractByStageDraftOrder(db: Database, shop: string, stageDraftOrderId: string): Promise<StoredContract | null> {
  requireShop(shop);
  const row = await db.contract.findFirst({ where: { shop, stages: { some: { stageDraftOrderId } } }, include: STAGES_IN_ORDER });
  return row ? toStoredContract(row) : null;
}

export interface ContractFilter {
  /** These contracts only (staff picked them in the list). */
  readonly ids?: readonly string[];
  readonly status?: ContractStatus | readonly ContractStatus[];
  /** true: contracts with a stage marked overdue; false: contracts without one. */
  readonly overdue?: boolean;
  /** Contracts with a stage still owed whose due date is before this date (YYYY-MM-DD, the shop's calendar). */
  readonly dueBefore?: CalendarDate;
  /** Contracts with a stage still owed due on these dates (both included). */
  readonly dueBetween?: { readonly from: CalendarDate; readonly to: CalendarDate };
  /**
   * Open contracts with a stage owed that is overdue on this day (YYYY-MM-DD, the shop's calendar): marked overdue, or
   * due before it, as contract-attention.ts badges a stage.
   */
  readonly overdueOn?: CalendarDate;
  /** true: open contracts with a stage owed whose card was declined or that the app stopped collecting (Shopify refused a step). */
  readonly needsAttention?: boolean;
  readonly customerId?: string;
  /** Part of the customer's name or email, as staff type it. */
  readonly customer?: string;
}

/** Which of the matching contracts, newest first. */
export interface ContractPage {
  readonly limit: number;
  readonly offset: number;
}

export const CONTRACT_PAGE_SIZE = 50;

/** One page of the shop's contracts matching `filter`, newest first. */
export async function listContracts(
  db: Database,
  shop: string,
  filter: ContractFilter = {},
  page: ContractPage = { limit: CONTRACT_PAGE_SIZE, offset: 0 },
): Promise<StoredContract[]> {
  requireShop(shop);
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || !Number.isSafeInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`a page needs a positive whole limit and an offset of 0 or more, not ${page.limit} and ${page.offset}`);
  }
  const matching = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Contract" c
    WHERE ${contractConditions(shop, filter)}
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  if (matching.length === 0) return [];
  const rows = await db.contract.findMany({ where: { shop, id: { in: matching.map((row) => row.id) } }, include: STAGES_IN_ORDER });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A contract deleted between the two reads (a shop's redaction) is left out rather than failing the page.
  return matching.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toStoredContract(row)] : [];
  });
}

/** What a currency's contracts in a list add up to, in its minor units. */
export interface ContractTotals {
  readonly currency: string;
  /** The contracts counted: those matching that are not cancelled. */
  readonly contracts: number;
  readonly totalMinor: bigint;
  /** The money their stages received (refunds taken off); early-payment discounts are in `discountMinor`. */
  readonly paidMinor: bigint;
  /** The early-payment discounts granted on their stages: settled without money. */
  readonly discountMinor: bigint;
}

export interface ContractListSummary {
  /** Every contract matching the filter, cancelled ones included: what the list pages through. */
  readonly count: number;
  /** Per currency, the one of the newest contract first. A cancelled contract is owed nothing, so it is in no total. */
  readonly totals: readonly ContractTotals[];
}

/** The count and totals of every contract matching `filter`, summed by the database (not from a page). */
export async function summarizeContracts(db: Database, shop: string, filter: ContractFilter = {}): Promise<ContractListSummary> {
  requireShop(shop);
  const counted = Prisma.sql`c."status" <> ${"cancelled" satisfies ContractStatus}`;
  const rows = await db.$queryRaw<
    { currency: string; matching: bigint; counted: bigint; totalMinor: string | null; paidMinor: string | null; discountMinor: string | null }[]
  >`
    SELECT c."currency",
      COUNT(*) AS "matching",
      COUNT(*) FILTER (WHERE ${counted}) AS "counted",
      (SUM(c."totalMinor") FILTER (WHERE ${counted}))::text AS "totalMinor",
      (SUM(stages."paidMinor") FILTER (WHERE ${counted}))::text AS "paidMinor",
      (SUM(stages."discountMinor") FILTER (WHERE ${counted}))::text AS "discountMinor"
    FROM "Contract" c
    CROSS JOIN LATERAL (
      SELECT SUM(s."paidMinor" - s."discountMinor" - s."refundedMinor") AS "paidMinor", SUM(s."discountMinor") AS "discountMinor"
      FROM "Stage" s WHERE s."contractId" = c."id"
    ) stages
    WHERE ${contractConditions(shop, filter)}
    GROUP BY c."currency"
    ORDER BY MAX(c."createdAt") DESC, c."currency"`;
  return {
    count: rows.reduce((sum, row) => sum + Number(row.matching), 0),
    totals: rows
      .filter((row) => row.counted > 0n)
      .map((row) => ({
        currency: row.currency,
        contracts: Number(row.counted),
        totalMinor: minorUnitsFromSum(row.totalMinor),
        paidMinor: minorUnitsFromSum(row.paidMinor),
        discountMinor: minorUnitsFromSum(row.discountMinor),
      })),
  };
}

/** The WHERE condition of a contract list over `"Contract" c`: one home, so a page, its count and its totals agree. */
export function contractConditions(shop: string, filter: ContractFilter): Prisma.Sql {
  const conditions = [Prisma.sql`c."shop" = ${shop}`];
  if (filter.ids !== undefined) conditions.push(filter.ids.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`c."id" IN (${Prisma.join(filter.ids)})`);
  if (filter.status !== undefined) {
    const statuses = typeof filter.status === "string" ? [filter.status] : filter.status;
    conditions.push(statuses.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`c."status" IN (${Prisma.join(statuses)})`);
  }
  if (filter.customerId !== undefined) conditions.push(Prisma.sql`c."customerId" = ${filter.customerId}`);
  if (filter.customer) {
    // What staff type is text, not a pattern: % and _ match themselves.
    const pattern = `%${filter.customer.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(Prisma.sql`(c."customerName" ILIKE ${pattern} OR c."customerEmail" ILIKE ${pattern})`);
  }
  if (filter.overdue !== undefined) {
    const overdueStage = Prisma.sql`SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND s."status" = ${"overdue" satisfies StageStatus}`;
    conditions.push(filter.overdue ? Prisma.sql`EXISTS (${overdueStage})` : Prisma.sql`NOT EXISTS (${overdueStage})`);
  }
  // YYYY-MM-DD strings sort as the dates they name.
  if (filter.dueBefore !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND ${OWED_STAGE} AND s."dueDate" < ${filter.dueBefore})`);
  }
  if (filter.dueBetween !== undefined) {
    const { from, to } = filter.dueBetween;
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND ${OWED_STAGE} AND s."dueDate" >= ${from} AND s."dueDate" <= ${to})`,
    );
  }
  if (filter.overdueOn !== undefined) {
    conditions.push(Prisma.sql`${OPEN_CONTRACT} AND EXISTS (
      SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND ${OWED_STAGE}
        AND (s."status" = ${"overdue" satisfies StageStatus} OR s."dueDate" < ${filter.overdueOn}))`);
  }
  if (filter.needsAttention !== undefined) {
    const needing = Prisma.sql`${OPEN_CONTRACT} AND EXISTS (
      SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND ${OWED_STAGE} AND (${STOPPED_STAGE} OR ${DECLINED_STAGE}))`;
    conditions.push(filter.needsAttention ? needing : Prisma.sql`NOT (${needing})`);
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * Over `"Stage" s`: still expecting money and not all of it paid, as app/domain/contract/contract-attention.ts
 * `isStillOwed` says it (and the dashboard's figures read it).
 */
export const OWED_STAGE = Prisma.sql`(s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)}) AND s."amountMinor" > s."paidMinor")`;
// The badges "payment failed" (a declined card, also after its link went out) and "needs attention" (Shopify refused a
// step) of contract-attention.ts, on an owed stage of an open contract; with `overdueOn`, its "overdue" rule.
// tests/integration/models/contract-list-at-scale.test.ts holds these and the badges equal.
const DECLINED_STAGE = Prisma.sql`(s."status" = ${"failed" satisfies StageStatus} OR (s."attempts" > 0 AND s."chargeKey" IS NULL))`;
const STOPPED_STAGE = Prisma.sql`(s."parkedReason" IS NOT NULL)`;
const OPEN_CONTRACT = Prisma.sql`(c."status" NOT IN (${"cancelled" satisfies ContractStatus}, ${"completed" satisfies ContractStatus}))`;

/** The shop's IANA time zone, where "today" is read: from Shopify (the shop profile), else its newest contract's, else UTC. */
export async function shopTimeZone(db: Database, shop: string): Promise<string> {
  requireShop(shop);
  const profile = await db.shopProfile.findUnique({ where: { shop }, select: { timeZone: true } });
  if (profile) return profile.timeZone;
  const newest = await db.contract.findFirst({ where: { shop }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { timeZone: true } });
  return newest?.timeZone ?? "UTC";
}

export interface ContractChanges {
  readonly status?: ContractStatus;
  readonly mainOrderId?: string | null;
  readonly mainOrderName?: string | null;
  readonly customerId?: string | null;
  readonly companyLocationId?: string | null;
  readonly fulfilledOn?: CalendarDate;
}

export interface UpdateContractInput {
  readonly id: string;
  /** The version the caller read; a stale one is a ConcurrencyConflictError and nothing changes. */
  readonly version: number;
  readonly changes: ContractChanges;
  readonly actor: AuditActor;
}

export async function updateContract(db: Database, shop: string, input: UpdateContractInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await tx.contract.findFirst({ where: { id: input.id, shop } });
    if (!current) throw new NotFoundError("contract", input.id);
    await claimVersion(tx, shop, input.id, input.version);
    await tx.contract.update({ where: { id: input.id }, data: { ...input.changes } });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "contract.updated",
      contractId: input.id,
      details: { version: input.version, changes: changedFields(current, input.changes) },
    });
    return readContract(tx, shop, input.id);
  });
}

/** What jobs and staff may change on a stage. Amounts and `paidMinor` are not here: the ledger moves money. */
export interface StageChanges {
  readonly status?: StageStatus;
  readonly stageDraftOrderId?: string | null;
  readonly stageOrderId?: string | null;
  readonly payUrl?: string | null;
  readonly linkEmailedAt?: Date | null;
  readonly linkEmailedVia?: string | null;
  readonly chargeNoticeFor?: CalendarDate | null;
  readonly invoiceNumber?: string | null;
  readonly chargeKey?: string | null;
  readonly chargeRef?: string | null;
  readonly nextAttemptAt?: Date | null;
  readonly attempts?: number;
  readonly lastError?: string | null;
  readonly parkedReason?: string | null;
  readonly issueDate?: CalendarDate | null;
  readonly dueDate?: CalendarDate | null;
  readonly paymentTerms?: StagePaymentTerms;
  /** A late fee staff waived (with status "cancelled"). */
  readonly waivedOn?: CalendarDate;
}

export interface UpdateStageInput {
  readonly contractId: string;
  readonly stageId: string;
  /** The contract's version as the caller read it: a stage change is a change of its contract. */
  readonly version: number;
  readonly changes: StageChanges;
  readonly actor: AuditActor;
}

/** Changes one stage, checking its status move against the stage state machine and bumping the contract version. */
export async function updateStage(db: Database, shop: string, input: UpdateStageInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await tx.stage.findFirst({ where: { id: input.stageId, contractId: input.contractId, contract: { shop } } });
    if (!current) throw new NotFoundError("stage", input.stageId);
    const from = storedStatus(current);
    if (input.changes.status !== undefined && input.changes.status !== from) assertStageTransition(from, input.changes.status);
    await claimVersion(tx, shop, input.contractId, input.version);
    const { paymentTerms, ...columns } = input.changes;
    const data = { ...columns, ...(paymentTerms === undefined ? {} : { paymentTerms: paymentTermsToColumn(paymentTerms) }) };
    await tx.stage.update({ where: { id: input.stageId }, data });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "stage.updated",
      contractId: input.contractId,
      details: { stageId: input.stageId, position: current.position, version: input.version, changes: changedFields(current, data) },
    });
    return readContract(tx, shop, input.contractId);
  });
}

export interface AddLateFeeInput {
  readonly contractId: string;
  readonly version: number;
  /** The overdue stage the fee is charged on. */
  readonly forPosition: number;
  readonly title: string;
  readonly amountMinor: bigint;
  /** The day it is charged: invoiced that day, due LATE_FEE_PAYABLE_DAYS later. */
  readonly chargedOn: CalendarDate;
  /** The last day the fee counts (interest to that day; a fixed fee's first day), for the audit. */
  readonly through: CalendarDate;
  readonly actor: AuditActor;
}

/**
 * Adds an overdue stage's late fee as a stage of its own (late-fee-stage.ts): no tax, invoiced the day it is charged. Its
 * position is fixed by the stage it is on, so a second charge of the same fee fails on the position's uniqueness.
 */
export async function addLateFeeStage(db: Database, shop: string, input: AddLateFeeInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    await claimVersion(tx, shop, input.contractId, input.version);
    const position = lateFeePosition(input.forPosition);
    await tx.stage.create({
      data: {
        contractId: input.contractId,
        position,
        kind: "lateFee",
        title: input.title,
        amountMinor: input.amountMinor,
        taxShares: taxSharesToColumn([]),
        dueRule: dueRuleToColumn({ netDays: LATE_FEE_PAYABLE_DAYS }),
        issueDate: input.chargedOn,
        dueDate: addDays(input.chargedOn, LATE_FEE_PAYABLE_DAYS),
        lateFeeFor: input.forPosition,
      },
    });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "stage.lateFeeCharged",
      contractId: input.contractId,
      details: { position, forPosition: input.forPosition, amountMinor: input.amountMinor, through: input.through },
    });
    return readContract(tx, shop, input.contractId);
  });
}

export interface RecordMilestoneInput {
  readonly contractId: string;
  readonly version: number;
  readonly milestone: string;
  readonly date: CalendarDate;
  readonly actor: AuditActor;
}

/**
 * Stores the date staff marked a milestone on, in the contract's order snapshot where the schedule's triggers
 * read events from. Marking it again keeps the first date: a stage dated from it must not move.
 */
export async function recordMilestone(db: Database, shop: string, input: RecordMilestoneInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await readContract(tx, shop, input.contractId).catch(() => null);
    if (!current) throw new NotFoundError("contract", input.contractId);
    if (current.orderSnapshot.events.milestones?.[input.milestone]) return current;
    await claimVersion(tx, shop, input.contractId, input.version);
    const snapshot: OrderSnapshot = {
      ...current.orderSnapshot,
      events: { ...current.orderSnapshot.events, milestones: { ...current.orderSnapshot.events.milestones, [input.milestone]: input.date } },
    };
    await tx.contract.update({ where: { id: input.contractId }, data: { orderSnapshot: orderSnapshotToColumn(snapshot) } });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "contract.milestoneMarked",
      contractId: input.contractId,
      details: { milestone: input.milestone, date: input.date },
    });
    return readContract(tx, shop, input.contractId);
  });
}

export interface CancelContractInput {
  readonly contractId: string;
  readonly version: number;
  readonly reason: string;
  /** How the money paid is settled; absent when Shopify cancelled the order (nothing for the app to settle). */
  readonly cancellation?: Cancellation;
  /** When it was cancelled: the books date the cancellation on that day in the contract's zone. */
  readonly at: Date;
  readonly actor: AuditActor;
}

/**
 * Cancels the contract and every stage that has not been paid, in one transaction. Paid stages stay paid, and so do
 * stages whose money arrives later (the planner marks them paid): money received is never relabelled.
 */
export async function cancelContractRecord(db: Database, shop: string, input: CancelContractInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await tx.contract.findFirst({ where: { id: input.contractId, shop }, include: STAGES_IN_ORDER });
    if (!current) throw new NotFoundError("contract", input.contractId);
    if (current.status === "cancelled") return toStoredContract(current);
    await claimVersion(tx, shop, input.contractId, input.version);
    const cancellation = input.cancellation ? cancellationToColumn(input.cancellation) : null;
    await tx.contract.update({
      where: { id: input.contractId },
      data: { status: "cancelled", cancellation, cancelledOn: calendarDateAt(input.at, current.timeZone) },
    });
    const cancelled = current.stages.filter((stage) => UNPAID_STAGE_STATUSES.includes(storedStatus(stage)));
    await tx.stage.updateMany({ where: { id: { in: cancelled.map((stage) => stage.id) } }, data: { status: "cancelled", nextAttemptAt: null } });
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "contract.cancelled",
      contractId: input.contractId,
      details: { reason: input.reason, cancelledStages: cancelled.map((stage) => stage.position), settlement: input.cancellation ?? null },
    });
    // Staff cancelled it: the buyer is told what happens to their money. (A cancellation in Shopify's admin is told by
    // Shopify's own email, and the refunds it makes reach the buyer as refund emails.)
    if (input.cancellation) {
      const held = current.stages.reduce((sum, stage) => sum + moneyHeld(stage), 0n);
      const settlement = input.cancellation.settlement;
      const refundMinor = settlement !== "refund" ? 0n : input.cancellation.amount === "all" ? held : input.cancellation.amount;
      await queueBuyerEmail(tx, shop, {
        contractId: input.contractId,
        email: { kind: "contractCancelled", settlement: settlement === "refund" ? "refund" : settlement === "keepAsCredit" ? "credit" : "kept", refundMinor },
        dedupeKey: `contractCancelled:${input.contractId}`,
      });
    }
    return readContract(tx, shop, input.contractId);
  });
}

/**
 * Takes the contract's work lock for `holder` (a job id, a request) until `now + ttlMs`, or renews it. Fails
 * (false) while another holder has it and its time has not run out: a live holder renews it while it works
 * (contract-sync.server.ts), a dead one's lock lapses.
 */
export async function claimContractLock(db: Database, shop: string, contractId: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  requireShop(shop);
  const until = new Date(now.getTime() + ttlMs);
  const count = await db.$executeRaw`
    UPDATE "Contract" SET "lockedBy" = ${holder}, "lockedUntil" = ${until}
    WHERE "id" = ${contractId} AND "shop" = ${shop}
      AND ("lockedBy" IS NULL OR "lockedBy" = ${holder} OR "lockedUntil" < ${now})`;
  return count === 1;
}

export async function releaseContractLock(db: Database, shop: string, contractId: string, holder: string): Promise<void> {
  requireShop(shop);
  await db.contract.updateMany({ where: { id: contractId, shop, lockedBy: holder }, data: { lockedBy: null, lockedUntil: null } });
}

const STAGES_IN_ORDER = { stages: { orderBy: { position: "asc" } } } as const satisfies Prisma.ContractInclude;

/**
 * Moves the contract from `version` to `version + 1`, or fails if someone else already did: the compare and the
 * bump are one UPDATE, so two writers holding the same version cannot both pass.
 */
async function claimVersion(tx: Prisma.TransactionClient, shop: string, contractId: string, version: number): Promise<void> {
  const { count } = await tx.contract.updateMany({ where: { id: contractId, shop, version }, data: { version: { increment: 1 } } });
  if (count === 0) throw new ConcurrencyConflictError(contractId, version);
}

/** The changed fields as { from, to }, for the audit row. */
function changedFields(current: object, changes: object): Record<string, { from: unknown; to: unknown }> {
  const before = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(changes)
      .filter(([field, value]) => value !== undefined && before[field] !== value)
      .map(([field, value]) => [field, { from: before[field], to: value }]),
  );
}

function assertScheduleFitsOrder(schedule: Schedule, order: OrderSnapshot): void {
  const { installments } = schedule;
  if (installments.length === 0) throw new InvalidScheduleError("it has no installments");
  if (schedule.currency.code !== order.currency.code) {
    throw new InvalidScheduleError(`it is in ${schedule.currency.code} but the order is in ${order.currency.code}`);
  }
  if (schedule.total !== order.total) throw new InvalidScheduleError(`its total ${schedule.total} is not the order total ${order.total}`);
  const sum = installments.reduce((total, installment) => total + installment.amount, 0n);
  if (sum !== schedule.total) throw new InvalidScheduleError(`its installments add up to ${sum}, not the total ${schedule.total}`);
  installments.forEach((installment, index) => {
    if (installment.position !== index + 1) throw new InvalidScheduleError(`installment ${index + 1} has position ${installment.position}`);
    if (installment.amount < 0n) throw new InvalidScheduleError(`installment ${installment.position} is negative`);
  });
  order.taxLines.forEach((line, lineIndex) => {
    const shares = installments.reduce((total, installment) => total + (installment.tax[lineIndex]?.amount ?? 0n), 0n);
    if (shares !== line.amount) throw new InvalidScheduleError(`the shares of tax line "${line.title}" add up to ${shares}, not ${line.amount}`);
  });
}

async function readContract(tx: Prisma.TransactionClient, shop: string, id: string): Promise<StoredContract> {
  return toStoredContract(await tx.contract.findFirstOrThrow({ where: { id, shop }, include: STAGES_IN_ORDER }));
}

function toStoredContract(row: ContractRow & { stages: StageRow[] }): StoredContract {
  // mode and status are only written by this module, from their union types.
  return {
    ...row,
    mode: row.mode as ContractMode,
    status: row.status as ContractStatus,
    orderSnapshot: orderSnapshotFromColumn(row.orderSnapshot),
    cancellation: cancellationFromColumn(row.cancellation),
    stages: row.stages.map(toStoredStage),
  };
}

function toStoredStage(row: StageRow): StoredStage {
  return {
    ...row,
    kind: row.kind as ContractStageKind,
    status: storedStatus(row),
    taxShares: taxSharesFromColumn(row.taxShares),
    dueRule: dueRuleFromColumn(row.dueRule),
    issueDate: row.issueDate as CalendarDate | null,
    dueDate: row.dueDate as CalendarDate | null,
    paymentTerms: paymentTermsFromColumn(row.paymentTerms),
  };
}

function storedStatus(row: StageRow): StageStatus {
  if (!isStageStatus(row.status)) throw new Error(`stage ${row.id} has an unknown status "${row.status}"`);
  return row.status;
}
