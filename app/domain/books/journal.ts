import { calendarDateAt, type CalendarDate } from "../dates/calendar-date";
import { allocateByRatios } from "../money/allocate";
import type { AccountKey, ContractFacts, JournalEntry, JournalEntryKind, JournalLine, LedgerFact, StageFact } from "./journal-types";
import { assertStageFacts, splitBetween, splitOfGross, type GrossSplit } from "./stage-split";

/**
 * The double-entry journal of one contract, from its facts, by this accounting policy:
 *
 * - A stage is invoiced on its issue date, or on its first payment's date when that is earlier or it has none:
 *   Dr receivable gross; Cr contract liability net (revenue once the goods shipped); Cr tax payable per tax line.
 * - A payment: Dr cash clearing, Cr receivable.
 * - An early-payment discount granted: Dr contract liability (sales discounts from R on) net, Dr tax payable per tax
 *   line, Cr receivable. Its net and tax are the stage's part above the money received (the same cumulative split
 *   refunds and cancellations use), so the stage's tax lines close exactly; in a tie this may differ by one minor unit
 *   per line from the rounded reduction the invoice stated.
 * - On the shipping day R, before anything else that day: the contract liability left at the end of R−1 becomes revenue.
 * - A refund: Dr contract liability (sales returns from R on) net, Dr tax payable, Cr cash clearing; the part that
 *   gives back an overpayment (money beyond the stage's amount) first: Dr receivable, as that money was never owed.
 * - On the cancellation day C, after everything else that day: each invoiced stage's unpaid gross is credited back,
 *   then the liability left (money kept) is earned (close, refund, or a cancellation by Shopify) or moved to
 *   customer credit (keepAsCredit). A refund after C is a sales return, or given out of customer credit when the
 *   kept money was moved there, so the liability of a cancelled contract stays at zero.
 * A contract cancelled before it shipped never recognises revenue on shipping.
 * A late fee (a stage of its own) is earned when charged: its invoice credits late-fee income, with no tax and never
 * deferred; a refund of it, or its unpaid part on cancellation, debits that income back. A refund that names no stage
 * gives back the order's stages, never a fee. A fee staff waived has what was unpaid of it taken back on the day it
 * was waived (Dr late-fee income, Cr receivable).
 */
export function journalOfContract(facts: ContractFacts): JournalEntry[] {
  for (const stage of facts.stages) assertStageFacts(stage, facts.id);
  return new ContractJournal(facts).run();
}

type Step =
  | { readonly kind: "recognition"; readonly date: CalendarDate }
  | { readonly kind: "invoice"; readonly date: CalendarDate; readonly stage: StageFact }
  | { readonly kind: "ledger"; readonly date: CalendarDate; readonly entry: LedgerFact; readonly order: number }
  | { readonly kind: "waiver"; readonly date: CalendarDate; readonly stage: StageFact }
  | { readonly kind: "cancellation"; readonly date: CalendarDate };

/** Within one day: recognition first (it takes the balance at the end of the day before), cancellation last. */
const STEP_RANK: Record<Step["kind"], number> = { recognition: 0, invoice: 1, ledger: 2, waiver: 3, cancellation: 4 };

const NOT_INVOICED_STATUSES = new Set(["scheduled", "cancelled"]);

class ContractJournal {
  private readonly entries: JournalEntry[] = [];
  private readonly balances = new Map<AccountKey, bigint>();
  private readonly paid = new Map<string, bigint>();
  private readonly refunded = new Map<string, bigint>();
  /** Early-payment discounts granted per stage: part of `paid` (they settle the stage), but no money to refund. */
  private readonly discounted = new Map<string, bigint>();
  /** The part of each stage's refunds that gave back an overpayment (money beyond its amount). */
  private readonly overpaymentReturned = new Map<string, bigint>();
  private readonly invoiced = new Set<string>();
  /** Late fees taken back when waived: a later cancellation has nothing left of them to credit. */
  private readonly waived = new Set<string>();
  private readonly recognitionDate: CalendarDate | null;
  private cancelled = false;

  constructor(private readonly facts: ContractFacts) {
    const { fulfilledOn, cancelledOn } = facts;
    this.recognitionDate = fulfilledOn !== null && (cancelledOn === null || fulfilledOn <= cancelledOn) ? fulfilledOn : null;
  }

  run(): JournalEntry[] {
    for (const step of this.steps()) {
      if (step.kind === "recognition") this.recognise(step.date);
      else if (step.kind === "invoice") this.invoice(step.stage, step.date);
      else if (step.kind === "cancellation") this.cancel(step.date);
      else if (step.kind === "waiver") this.waive(step.stage, step.date);
      else if (step.entry.kind === "refund") this.refund(step.entry, step.date);
      else if (step.entry.kind === "earlyPaymentDiscount") this.earlyPaymentDiscount(step.entry, step.date);
      else this.payment(step.entry, step.date);
    }
    return this.entries;
  }

  private steps(): Step[] {
    const { facts } = this;
    const ledger = facts.ledger.map((entry, order) => ({ kind: "ledger" as const, date: calendarDateAt(entry.occurredAt, facts.timeZone), entry, order }));
    const invoices = facts.stages.flatMap((stage): Step[] => {
      const date = this.invoiceDateOf(stage, ledger);
      return date === null ? [] : [{ kind: "invoice", date, stage }];
    });
    const waivers = facts.stages.flatMap((stage): Step[] =>
      // A waiver stands while the fee stays cancelled: paid after all (the buyer paid as staff waived it), it was earned.
      stage.lateFee && stage.waivedOn && stage.status === "cancelled" && this.invoiceDateOf(stage, ledger) !== null
        ? [{ kind: "waiver", date: stage.waivedOn, stage }]
        : [],
    );
    const steps: Step[] = [...invoices, ...ledger, ...waivers];
    if (this.recognitionDate !== null) steps.push({ kind: "recognition", date: this.recognitionDate });
    if (facts.cancelledOn !== null) steps.push({ kind: "cancellation", date: facts.cancelledOn });
    return steps.sort(compareSteps);
  }

  /** A stage paid before it was invoiced is invoiced when paid; one never invoiced nor paid has no invoice. */
  private invoiceDateOf(stage: StageFact, ledger: readonly { date: CalendarDate; entry: LedgerFact }[]): CalendarDate | null {
    const paymentDates = ledger.filter(({ entry }) => entry.kind !== "refund" && entry.stageId === stage.id).map(({ date }) => date);
    const firstPayment = paymentDates.length === 0 ? null : paymentDates.reduce((a, b) => (b < a ? b : a));
    const wasInvoiced = !NOT_INVOICED_STATUSES.has(stage.status) || (stage.status === "cancelled" && stage.invoiceNumber !== null);
    const issueDate = wasInvoiced ? (stage.issueDate ?? stage.dueDate) : null;
    if (issueDate === null) return firstPayment;
    if (firstPayment === null) return issueDate;
    return firstPayment < issueDate ? firstPayment : issueDate;
  }

  private shippedBy(date: CalendarDate): boolean {
    return this.recognitionDate !== null && date >= this.recognitionDate;
  }

  private invoice(stage: StageFact, date: CalendarDate): void {
    this.invoiced.add(stage.id);
    const split = splitOfGross(stage, stage.amountMinor);
    const invoiceWords = stage.invoiceNumber ? ` (invoice ${stage.invoiceNumber})` : "";
    this.post("invoice", date, stage.position, `${this.facts.label} · stage ${stage.position} ${stage.title} invoiced${invoiceWords}`, [
      debit("accountsReceivable", stage.amountMinor),
      credit(stage.lateFee ? "lateFeeIncome" : this.shippedBy(date) ? "revenue" : "contractLiability", split.net),
      ...this.taxLines(stage, split, credit),
    ]);
  }

  private payment(entry: LedgerFact, date: CalendarDate): void {
    const stage = this.stageOf(entry.stageId);
    if (stage) this.paid.set(stage.id, (this.paid.get(stage.id) ?? 0n) + entry.amountMinor);
    const stageWords = stage ? ` for stage ${stage.position} ${stage.title}` : "";
    const method = entry.kind === "manualPayment" ? "offline payment" : "payment";
    this.post("payment", date, stage?.position ?? null, `${this.facts.label} · ${method} received${stageWords}`, [
      debit("cashClearing", entry.amountMinor),
      credit("accountsReceivable", entry.amountMinor),
    ]);
  }

  private earlyPaymentDiscount(entry: LedgerFact, date: CalendarDate): void {
    const stage = this.stageOf(entry.stageId);
    if (!stage) throw new RangeError(`contract ${this.facts.id}: an early-payment discount must name its stage (ledger entry ${entry.id})`);
    const before = this.paid.get(stage.id) ?? 0n;
    this.paid.set(stage.id, before + entry.amountMinor);
    this.discounted.set(stage.id, (this.discounted.get(stage.id) ?? 0n) + entry.amountMinor);
    const split = splitBetween(stage, before, before + entry.amountMinor);
    this.post("earlyPaymentDiscount", date, stage.position, `${this.facts.label} · early-payment discount on stage ${stage.position} ${stage.title}`, [
      debit(this.shippedBy(date) ? "salesDiscounts" : "contractLiability", split.net),
      ...this.taxLines(stage, split, debit),
      credit("accountsReceivable", entry.amountMinor),
    ]);
  }

  private waive(stage: StageFact, date: CalendarDate): void {
    // A cancelled contract's unpaid invoices, this fee among them, were credited back on the cancellation day.
    if (this.cancelled) return;
    const unpaid = stage.amountMinor - (this.paid.get(stage.id) ?? 0n);
    this.waived.add(stage.id);
    this.post("lateFeeWaived", date, stage.position, `${this.facts.label} · ${stage.title} waived`, [
      debit("lateFeeIncome", unpaid),
      credit("accountsReceivable", unpaid),
    ]);
  }

  private recognise(date: CalendarDate): void {
    const deferred = this.balanceOf("contractLiability");
    this.post("recognition", date, null, `${this.facts.label} · revenue recognised on shipping`, [
      debit("contractLiability", deferred),
      credit("revenue", deferred),
    ]);
  }

  private refund(entry: LedgerFact, date: CalendarDate): void {
    const stage = this.stageOf(entry.stageId);
    const pieces = stage ? [{ stage, amount: entry.amountMinor }] : this.spreadOverStages(entry.amountMinor);
    const netAccount = this.refundNetAccount(date);
    const lines: JournalLine[] = [credit("cashClearing", entry.amountMinor)];
    let unspread = entry.amountMinor;
    for (const piece of pieces) {
      const id = piece.stage.id;
      const refundedBefore = this.refunded.get(id) ?? 0n;
      this.refunded.set(id, refundedBefore + piece.amount);
      // Money beyond the stage's amount was never owed (a payment made twice): giving it back restores the receivable,
      // and the sale stands. The rest of the refund gives back the sale.
      const returnedBefore = this.overpaymentReturned.get(id) ?? 0n;
      const excess = (this.paid.get(id) ?? 0n) - piece.stage.amountMinor - returnedBefore;
      const toReceivable = excess <= 0n ? 0n : excess < piece.amount ? excess : piece.amount;
      this.overpaymentReturned.set(id, returnedBefore + toReceivable);
      const saleBefore = refundedBefore - returnedBefore;
      const split = splitBetween(piece.stage, saleBefore, saleBefore + piece.amount - toReceivable);
      lines.push(
        debit("accountsReceivable", toReceivable),
        debit(piece.stage.lateFee ? "lateFeeIncome" : netAccount, split.net),
        ...this.taxLines(piece.stage, split, debit),
      );
      unspread -= piece.amount;
    }
    lines.push(debit(netAccount, unspread));
    const stageWords = stage ? ` from stage ${stage.position} ${stage.title}` : "";
    this.post("refund", date, stage?.position ?? null, `${this.facts.label} · refund${stageWords}`, lines);
  }

  /** After a cancellation the liability is settled: a later refund gives back earned revenue, or customer credit. */
  private refundNetAccount(date: CalendarDate): AccountKey {
    if (!this.cancelled) return this.shippedBy(date) ? "salesReturns" : "contractLiability";
    const keptAsCredit = this.facts.settlement === "keepAsCredit" && !this.shippedBy(this.facts.cancelledOn ?? date);
    return keptAsCredit ? "customerCredit" : "salesReturns";
  }

  /**
   * A refund that names no stage is spread over the stages by what each still holds (paid less refunded), largest
   * remainder; by their gross when none holds anything; as plain net when the contract has no stage with an amount.
   */
  private spreadOverStages(amount: bigint): { stage: StageFact; amount: bigint }[] {
    const stages = this.facts.stages.filter((stage) => !stage.lateFee);
    const holds = stages.map((stage) => {
      const held = (this.paid.get(stage.id) ?? 0n) - (this.discounted.get(stage.id) ?? 0n) - (this.refunded.get(stage.id) ?? 0n);
      return held > 0n ? held : 0n;
    });
    const gross = stages.map((stage) => stage.amountMinor);
    const ratios = holds.some((held) => held > 0n) ? holds : gross;
    if (!ratios.some((ratio) => ratio > 0n)) return [];
    const shares = allocateByRatios(amount, ratios);
    return stages.map((stage, index) => ({ stage, amount: shares[index] ?? 0n })).filter((piece) => piece.amount > 0n);
  }

  private cancel(date: CalendarDate): void {
    const netAccount: AccountKey = this.shippedBy(date) ? "salesReturns" : "contractLiability";
    for (const stage of this.facts.stages) {
      const paid = this.paid.get(stage.id) ?? 0n;
      if (!this.invoiced.has(stage.id) || this.waived.has(stage.id) || paid >= stage.amountMinor) continue;
      const split = splitBetween(stage, paid, stage.amountMinor);
      this.post("cancellationCredit", date, stage.position, `${this.facts.label} · stage ${stage.position} ${stage.title} unpaid, credited on cancellation`, [
        debit(stage.lateFee ? "lateFeeIncome" : netAccount, split.net),
        ...this.taxLines(stage, split, debit),
        credit("accountsReceivable", stage.amountMinor - paid),
      ]);
    }
    const kept = this.balanceOf("contractLiability");
    if (this.facts.settlement === "keepAsCredit") {
      this.post("cancellationToCredit", date, null, `${this.facts.label} · kept on cancellation, moved to customer credit`, [
        debit("contractLiability", kept),
        credit("customerCredit", kept),
      ]);
    } else {
      this.post("cancellationEarned", date, null, `${this.facts.label} · kept on cancellation, earned`, [
        debit("contractLiability", kept),
        credit("revenue", kept),
      ]);
    }
    this.cancelled = true;
  }

  private taxLines(stage: StageFact, split: GrossSplit, side: typeof debit): JournalLine[] {
    return stage.taxShares.map((share, index) => side("taxPayable", split.taxes[index] ?? 0n, share.title));
  }

  private stageOf(stageId: string | null): StageFact | undefined {
    return stageId === null ? undefined : this.facts.stages.find((stage) => stage.id === stageId);
  }

  private balanceOf(account: AccountKey): bigint {
    return this.balances.get(account) ?? 0n;
  }

  /** Records an entry without its zero lines, merging lines of one account (and tax title) into one; none when empty. */
  private post(kind: JournalEntryKind, date: CalendarDate, stagePosition: number | null, memo: string, lines: readonly JournalLine[]): void {
    const merged = mergeLines(lines);
    if (merged.length === 0) return;
    for (const line of merged) this.balances.set(line.account, this.balanceOf(line.account) + line.creditMinor - line.debitMinor);
    this.entries.push({ date, contractId: this.facts.id, currency: this.facts.currency, kind, memo, stagePosition, lines: merged });
  }
}

function compareSteps(a: Step, b: Step): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return STEP_RANK[a.kind] - STEP_RANK[b.kind];
  if (a.kind === "invoice" && b.kind === "invoice") return a.stage.position - b.stage.position;
  if (a.kind === "ledger" && b.kind === "ledger") return a.entry.occurredAt.getTime() - b.entry.occurredAt.getTime() || a.order - b.order;
  return 0;
}

/** A debit of a negative amount is a credit of its opposite, so a line is never negative. */
function debit(account: AccountKey, amount: bigint, taxTitle?: string): JournalLine {
  return signedLine(account, amount, taxTitle);
}

function credit(account: AccountKey, amount: bigint, taxTitle?: string): JournalLine {
  return signedLine(account, -amount, taxTitle);
}

/** Positive: a debit; negative: a credit. */
function signedLine(account: AccountKey, debitAmount: bigint, taxTitle: string | undefined): JournalLine {
  const amounts = debitAmount >= 0n ? { debitMinor: debitAmount, creditMinor: 0n } : { debitMinor: 0n, creditMinor: -debitAmount };
  return taxTitle === undefined ? { account, ...amounts } : { account, taxTitle, ...amounts };
}

function mergeLines(lines: readonly JournalLine[]): JournalLine[] {
  const byAccount = new Map<string, { account: AccountKey; taxTitle: string | undefined; net: bigint }>();
  for (const line of lines) {
    const key = `${line.account}\u0000${line.taxTitle ?? ""}`;
    const current = byAccount.get(key) ?? { account: line.account, taxTitle: line.taxTitle, net: 0n };
    current.net += line.debitMinor - line.creditMinor;
    byAccount.set(key, current);
  }
  return [...byAccount.values()].filter((line) => line.net !== 0n).map((line) => signedLine(line.account, line.net, line.taxTitle));
}
