import { TZDate } from "@date-fns/tz";

import type { ContractStatus } from "../contract/contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../contract/stage-status";
import { calendarDateAt, daysBetween, isBefore, type CalendarDate } from "../dates/calendar-date";
import type { BuyerEmailKind } from "../documents/buyer-email";

/**
 * Staff alerts: what needs a person, computed from plain facts the model read (app/models/staff-alerts.server.ts).
 * The dashboard lists them as a to-do list and the daily digest emails them (app/services/staff-alerts).
 *
 * - A declined charge: a stage still owed whose saved-card charge was declined (or refused by Shopify) and no other
 *   charge is on its way. It stays until the stage is paid, also after the payment link went out instead.
 * - An overdue stage: still owed, due before today in the shop's calendar (as the dashboard's "Overdue" figure).
 * - A parked job: background work the queue gave up on, or a stage Shopify refused a step of (the app stopped
 *   collecting it).
 * - A failed email: a buyer email whose attempts are spent.
 * - A credit limit reached: a customer, company or location that owes as much as its credit limit or more, in the
 *   limit's currency (app/domain/customers/credit-limit.ts): their next order is refused unless staff override it.
 *
 * A stage of a cancelled contract is owed nothing, so it is no alert. A stage is one alert, of its most urgent kind.
 */
export type StaffAlertKind = "chargeDeclined" | "stageOverdue" | "jobParked" | "emailFailed" | "creditLimitReached";

/** Most urgent first: the order of the to-do list and of the digest. A new kind takes its place in this list. */
export const STAFF_ALERT_KINDS: readonly StaffAlertKind[] = ["chargeDeclined", "stageOverdue", "jobParked", "emailFailed", "creditLimitReached"];

/** The contract an alert is about, as staff recognise it. */
export interface AlertContract {
  readonly id: string;
  /** The source draft's name (#D12). */
  readonly draftName: string | null;
  /** The main order's name (#1002), once it exists. */
  readonly orderName: string | null;
  readonly customerName: string | null;
  readonly currency: string;
  readonly status: ContractStatus;
}

export interface AlertStageFacts {
  readonly contract: AlertContract;
  readonly position: number;
  readonly title: string;
  readonly status: StageStatus;
  readonly amountMinor: bigint;
  readonly paidMinor: bigint;
  readonly dueDate: CalendarDate | null;
  /** Saved-card charges tried so far. */
  readonly chargeAttempts: number;
  /** A charge was asked for and its result is not in yet. */
  readonly chargeInFlight: boolean;
  /** When a declined charge is tried again; null when it is not (the payment link goes out instead). */
  readonly nextChargeAt: Date | null;
  /** Why the app stopped collecting the stage (Shopify refused a step); null while it collects. */
  readonly stoppedBecause: string | null;
}

export interface ParkedJobFacts {
  /** The job's kind as the queue names it ("contract:sync", "webhook:orders/paid"). */
  readonly jobKind: string;
  readonly reason: string;
  readonly attempts: number;
  readonly parkedAt: Date;
  /** The contract the job was about, when its payload names one of the shop's. */
  readonly contract: AlertContract | null;
}

export interface FailedEmailFacts {
  readonly emailKind: BuyerEmailKind;
  readonly recipient: string | null;
  readonly reason: string | null;
  /** The email's last change: the attempt that spent its last try. */
  readonly failedAt: Date;
  readonly contract: AlertContract;
}

/** Whom a credit limit is for, as staff recognise them. */
export interface AlertCustomer {
  readonly kind: "customer" | "company" | "companyLocation";
  /** The Shopify GID. */
  readonly id: string;
  /** The name saved with their terms; null when none was. */
  readonly name: string | null;
}

export interface CreditLimitFacts {
  readonly customer: AlertCustomer;
  readonly limit: AlertMoney;
  /** What they owe in the limit's currency, across their contracts that are not cancelled. */
  readonly owed: AlertMoney;
  /** How many of those contracts owe something. */
  readonly contracts: number;
}

export interface StaffAlertFacts {
  /** Today in the shop's calendar. */
  readonly today: CalendarDate;
  /** The shop's zone, where the instants of parked jobs and failed emails become calendar days. */
  readonly timeZone: string;
  readonly stages: readonly AlertStageFacts[];
  readonly parkedJobs: readonly ParkedJobFacts[];
  readonly failedEmails: readonly FailedEmailFacts[];
  readonly creditLimits: readonly CreditLimitFacts[];
}

export interface AlertStage {
  readonly position: number;
  readonly title: string;
}

export interface AlertMoney {
  readonly minor: bigint;
  readonly currency: string;
}

export type StaffAlert =
  | {
      readonly kind: "chargeDeclined";
      readonly contract: AlertContract;
      readonly stage: AlertStage;
      readonly owed: AlertMoney;
      readonly attempts: number;
      /** The day the card is tried again; null: no more tries, the buyer pays from the payment link. */
      readonly retryOn: CalendarDate | null;
      readonly dueDate: CalendarDate | null;
      /** 0 when it is not overdue (yet). */
      readonly daysOverdue: number;
    }
  | {
      readonly kind: "stageOverdue";
      readonly contract: AlertContract;
      readonly stage: AlertStage;
      readonly owed: AlertMoney;
      readonly dueDate: CalendarDate;
      readonly daysOverdue: number;
    }
  | {
      readonly kind: "jobParked";
      readonly contract: AlertContract | null;
      /** The stage the app stopped collecting; null for a job. */
      readonly stage: AlertStage | null;
      /** The job's kind; null for a stage. */
      readonly jobKind: string | null;
      readonly attempts: number | null;
      readonly reason: string;
      /** The day the job was parked; null for a stage (its stop is not dated). */
      readonly since: CalendarDate | null;
    }
  | {
      readonly kind: "emailFailed";
      readonly contract: AlertContract;
      readonly emailKind: BuyerEmailKind;
      readonly recipient: string | null;
      readonly reason: string | null;
      readonly since: CalendarDate;
    }
  | {
      readonly kind: "creditLimitReached";
      readonly contract: null;
      readonly customer: AlertCustomer;
      readonly limit: AlertMoney;
      readonly owed: AlertMoney;
      readonly contracts: number;
    };

export type StaffAlertCounts = Readonly<Record<StaffAlertKind, number>>;

/** The alerts of a shop: the most urgent ones in full, and how many there are of each kind in all. */
export interface StaffAlertList {
  readonly items: readonly StaffAlert[];
  readonly counts: StaffAlertCounts;
  readonly total: number;
}

export const NO_STAFF_ALERTS: StaffAlertCounts = { chargeDeclined: 0, stageOverdue: 0, jobParked: 0, emailFailed: 0, creditLimitReached: 0 };

/** The kind of alert a stage is, or null when it needs no one. */
export function stageAlertKind(stage: AlertStageFacts, today: CalendarDate): "chargeDeclined" | "stageOverdue" | "jobParked" | null {
  if (stage.contract.status === "cancelled") return null;
  const owed = UNPAID_STAGE_STATUSES.includes(stage.status) && stage.amountMinor > stage.paidMinor;
  if (owed && stage.chargeAttempts > 0 && !stage.chargeInFlight) return "chargeDeclined";
  if (owed && stage.dueDate !== null && isBefore(stage.dueDate, today)) return "stageOverdue";
  if (stage.stoppedBecause !== null) return "jobParked";
  return null;
}

/** Every alert the facts hold, most urgent first (see `compareAlerts`). */
export function staffAlerts(facts: StaffAlertFacts): StaffAlert[] {
  const alerts: StaffAlert[] = [];
  for (const stage of facts.stages) {
    const alert = stageAlert(stage, facts.today, facts.timeZone);
    if (alert) alerts.push(alert);
  }
  for (const job of facts.parkedJobs) {
    alerts.push({
      kind: "jobParked",
      contract: job.contract,
      stage: null,
      jobKind: job.jobKind,
      attempts: job.attempts,
      reason: job.reason,
      since: calendarDateAt(job.parkedAt, facts.timeZone),
    });
  }
  for (const email of facts.failedEmails) {
    alerts.push({
      kind: "emailFailed",
      contract: email.contract,
      emailKind: email.emailKind,
      recipient: email.recipient,
      reason: email.reason,
      since: calendarDateAt(email.failedAt, facts.timeZone),
    });
  }
  for (const credit of facts.creditLimits) {
    if (credit.owed.currency !== credit.limit.currency || credit.owed.minor < credit.limit.minor) continue;
    alerts.push({ kind: "creditLimitReached", contract: null, ...credit });
  }
  return alerts.sort(compareAlerts);
}

function stageAlert(stage: AlertStageFacts, today: CalendarDate, timeZone: string): StaffAlert | null {
  const kind = stageAlertKind(stage, today);
  if (kind === null) return null;
  const ref = { position: stage.position, title: stage.title };
  const owed = { minor: stage.amountMinor - stage.paidMinor, currency: stage.contract.currency };
  const daysOverdue = stage.dueDate !== null && isBefore(stage.dueDate, today) ? daysBetween(stage.dueDate, today) : 0;
  switch (kind) {
    case "chargeDeclined":
      return {
        kind,
        contract: stage.contract,
        stage: ref,
        owed,
        attempts: stage.chargeAttempts,
        retryOn: stage.nextChargeAt ? calendarDateAt(stage.nextChargeAt, timeZone) : null,
        dueDate: stage.dueDate,
        daysOverdue,
      };
    case "stageOverdue":
      return { kind, contract: stage.contract, stage: ref, owed, dueDate: stage.dueDate!, daysOverdue };
    case "jobParked":
      return { kind, contract: stage.contract, stage: ref, jobKind: null, attempts: null, reason: stage.stoppedBecause!, since: null };
  }
}

/**
 * Kinds in STAFF_ALERT_KINDS order. Within a kind: stages by due date, the longest overdue first (an undated stage
 * last); stopped stages before parked jobs (they hold a contract's money); jobs and emails newest first; credit limits
 * by the customer. Ties go by contract and stage, so the order is the same at every read.
 */
export function compareAlerts(a: StaffAlert, b: StaffAlert): number {
  return (
    STAFF_ALERT_KINDS.indexOf(a.kind) - STAFF_ALERT_KINDS.indexOf(b.kind) ||
    compareText(dueDateOf(a), dueDateOf(b)) ||
    (a.kind === "jobParked" && b.kind === "jobParked" ? Number(a.stage === null) - Number(b.stage === null) : 0) ||
    compareText(sinceOf(b), sinceOf(a)) ||
    compareText(a.contract?.id ?? null, b.contract?.id ?? null) ||
    compareText(a.kind === "creditLimitReached" ? a.customer.id : null, b.kind === "creditLimitReached" ? b.customer.id : null) ||
    (stageOf(a)?.position ?? 0) - (stageOf(b)?.position ?? 0)
  );
}

function dueDateOf(alert: StaffAlert): CalendarDate | null {
  return alert.kind === "chargeDeclined" || alert.kind === "stageOverdue" ? alert.dueDate : null;
}

function sinceOf(alert: StaffAlert): CalendarDate | null {
  return alert.kind === "jobParked" || alert.kind === "emailFailed" ? alert.since : null;
}

function stageOf(alert: StaffAlert): AlertStage | null {
  return alert.kind === "emailFailed" || alert.kind === "creditLimitReached" ? null : alert.stage;
}

/** Text order with null last: YYYY-MM-DD dates sort as the days they name. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The hour of the shop's day from which its digest goes out: staff read it at the start of their day. */
export const DIGEST_HOUR = 8;

/** The shop's calendar day whose digest is due at `now`, or null before DIGEST_HOUR there. */
export function digestDayAt(now: Date, timeZone: string): CalendarDate | null {
  const local = new TZDate(now.getTime(), timeZone);
  return local.getHours() >= DIGEST_HOUR ? calendarDateAt(now, timeZone) : null;
}
