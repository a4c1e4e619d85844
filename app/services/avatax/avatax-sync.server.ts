import { isPlanStage } from "../../domain/contract/late-fee-stage";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AdjustmentReason } from "avatax/lib/enums/AdjustmentReason.js";

import { calendarDateAt } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import type { AuditActor } from "../../models/audit-log.server";
import { listAvaTaxDocuments, recordAvaTaxDocument, type AvaTaxDocument, type AvaTaxDocumentType } from "../../models/avatax-documents.server";
import { enabledAvaTaxConnection, type AvaTaxConnection } from "../../models/avatax-settings.server";
import { getContract, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { listLedgerEntries } from "../../models/ledger.server";
import { NotFoundError } from "../../models/model-errors.server";
import { AvaTaxClient, AvaTaxDocumentType as SdkDocumentType, AvaTaxRequestError, type AvaTaxTransactionResult } from "./avatax-client.server";
import {
  discountDocumentCode,
  keptTaxAndNet,
  minorFromAvaTax,
  refundDocumentCode,
  returnInvoiceModel,
  salesInvoiceModel,
  stageCredits,
  stageDocumentCode,
  stageTaxAndNet,
  type StageCredit,
  type StageDocumentInput,
} from "./avatax-documents";

/**
 * Brings a contract's AvaTax documents in line with its stages and ledger, the way the contract sync brings it in
 * line with Shopify: read what should exist, read what does, do the difference. Safe to run any number of times:
 *
 * - A stage with an invoice number has a SalesInvoice `tranche-<contract>-<position>` (committed when the shop
 *   commits on invoice), adjusted when a schedule revision changed the stage after it was committed. Before creating one, Avalara is asked for the code: a retry after a lost answer finds the
 *   document it made rather than making a second (Avalara would refuse a second committed one anyway).
 * - Each refund on a stage (a ledger entry) has a ReturnInvoice for the refund's share of the stage's tax, made with
 *   CreateTransaction rather than RefundTransaction: a partial RefundTransaction returns whole lines or a percentage
 *   and rounds the tax its own way, where a TaxAmount override returns exactly the refund's portion. Money refunded
 *   before it was allocated to a stage has no stage document to return against and is left out, and so is the part
 *   of a refund that gives back an overpayment (no sale: the journal returns no tax for it); a return document of a
 *   refund that gives back no sale at all is voided.
 * - Each early-payment discount on a stage (a ledger entry) has a ReturnInvoice too, dated the day it was granted,
 *   for the discount and the tax in it, rather than an AdjustTransaction of the stage's SalesInvoice: Avalara's
 *   AdjustTransaction corrects a document (and is refused once its period is filed and locked), where a discount
 *   let off after the sale is a credit of its own day, as a refund is and as the journal books it. The stage's
 *   documents together then carry its tax less the discount's, on the journal's cumulative split.
 * - A cancelled contract's stages that took no money have their document voided (DocVoided): the sale did not
 *   happen. A stage settled in part keeps a document for the part settled, adjusted (AdjustTransaction) to that
 *   gross and its share of the tax, as the journal keeps it; a stage settled in full keeps its own. A discount on it
 *   is taken off by its own ReturnInvoice, so the documents together keep just the money; refunding that money
 *   returns its tax through the refunds.
 *
 * A document Avalara refused stays "pending" with the reason for staff, the others go on, and the run then throws
 * so that the job queue retries it with backoff.
 */

export class AvaTaxSyncError extends Error {
  override readonly name = "AvaTaxSyncError";
}

export interface AvaTaxSyncResult {
  /** The codes of the documents this run created or voided at Avalara. */
  readonly changed: readonly string[];
}

export interface AvaTaxSyncDeps {
  readonly db: PrismaClient;
  readonly now: () => Date;
}

export async function syncAvaTaxDocuments(deps: AvaTaxSyncDeps, shop: string, contractId: string, actor: AuditActor): Promise<AvaTaxSyncResult> {
  const connection = await enabledAvaTaxConnection(deps.db, shop);
  if (!connection) return { changed: [] };
  const contract = await getContract(deps.db, shop, contractId);
  if (!contract) throw new NotFoundError("contract", contractId);
  const ledger = await listLedgerEntries(deps.db, shop, contractId);
  const stored = new Map((await listAvaTaxDocuments(deps.db, shop, contractId)).map((document) => [document.code, document]));
  const run = new DocumentRun(deps, shop, contract, connection, stored, actor);

  // A late fee is no sale of the order's goods and carries no tax: AvaTax gets no document for it.
  const taxedStages = contract.stages.filter(isPlanStage);
  for (const stage of taxedStages) {
    if (stage.invoiceNumber === null) continue;
    if (voidsOnCancel(contract, stage)) await run.void(stage);
    else await run.ensureSalesInvoice(stage);
  }
  const credits = stageCredits(taxedStages, ledger);
  for (const credit of credits) await run.ensureReturnInvoice(credit);
  // A refund returned before overpayments were told apart may have a document though it gave back no sale.
  const credited = new Set(credits.map((credit) => credit.entryId));
  for (const document of stored.values()) {
    if (document.type === "ReturnInvoice" && document.ledgerEntryId !== null && !credited.has(document.ledgerEntryId)) await run.voidDocument(document.code);
  }

  if (run.failures.length > 0) throw new AvaTaxSyncError(`AvaTax documents of contract ${contract.id} are pending: ${run.failures.join("; ")}`);
  return { changed: run.changed };
}

function cancelled(contract: StoredContract, stage: StoredStage): boolean {
  return contract.status === "cancelled" || stage.status === "cancelled";
}

/**
 * A stage of a cancelled contract (or a stage cancelled on its own) that nothing settled: its sale did not happen.
 * (paidMinor counts early-payment discounts, but a discount is granted only with money that earned it.)
 */
function voidsOnCancel(contract: StoredContract, stage: StoredStage): boolean {
  return cancelled(contract, stage) && stage.paidMinor === 0n;
}

/**
 * What stays sold of a stage on its SalesInvoice: all of it, or, once it is cancelled, what settled it: the money paid
 * and any early-payment discount (paidMinor), as the journal credits back only the rest. The discount is no money:
 * its own ReturnInvoice takes it off, so that the stage's documents together keep the money and its tax. Keeping
 * only the money here as well would take the discount off twice.
 */
function soldGross(contract: StoredContract, stage: StoredStage): bigint {
  if (!cancelled(contract, stage) || stage.paidMinor >= stage.amountMinor) return stage.amountMinor;
  return stage.paidMinor;
}

/** Why a document is adjusted, as Avalara records it (the reason Other needs a description). */
interface Adjustment {
  readonly reason: AdjustmentReason;
  readonly description: string;
}

const SCHEDULE_REVISED: Adjustment = { reason: AdjustmentReason.PriceAdjusted, description: "The payment schedule was revised (Tranche)" };
const CANCELLED_IN_PART: Adjustment = { reason: AdjustmentReason.Other, description: "Contract cancelled: the stage keeps only the part paid (Tranche)" };

class DocumentRun {
  readonly failures: string[] = [];
  readonly changed: string[] = [];
  private readonly client: AvaTaxClient;

  constructor(
    private readonly deps: AvaTaxSyncDeps,
    private readonly shop: string,
    private readonly contract: StoredContract,
    private readonly connection: AvaTaxConnection,
    private readonly stored: ReadonlyMap<string, AvaTaxDocument>,
    private readonly actor: AuditActor,
  ) {
    this.client = new AvaTaxClient(connection);
  }

  async ensureSalesInvoice(stage: StoredStage): Promise<void> {
    const code = stageDocumentCode(this.contract.id, stage.position);
    const sold = soldGross(this.contract, stage);
    const { tax, net } =
      sold === stage.amountMinor ? stageTaxAndNet(stage.amountMinor, stage.taxShares) : keptTaxAndNet(stage.amountMinor, stage.taxShares, sold);
    const input = this.documentInput(stage, code, net, tax);
    const adjustment = sold === stage.amountMinor ? SCHEDULE_REVISED : CANCELLED_IN_PART;
    await this.ensure({ code, type: "SalesInvoice", stage, splitTax: tax, net, ledgerEntryId: null, adjustment }, () => salesInvoiceModel(input));
  }

  /** The ReturnInvoice of a refund or an early-payment discount, dated the day it happened. */
  async ensureReturnInvoice(credit: StageCredit<StoredStage>): Promise<void> {
    const { stage } = credit;
    const salesCode = stageDocumentCode(this.contract.id, stage.position);
    const digest = createHash("sha256").update(credit.entryId).digest("hex");
    const discount = credit.kind === "earlyPaymentDiscount";
    const code = discount ? discountDocumentCode(this.contract.id, stage.position, digest) : refundDocumentCode(this.contract.id, stage.position, digest);
    const net = credit.gross - credit.tax;
    const input = {
      ...this.documentInput(stage, code, net, credit.tax, calendarDateAt(credit.occurredAt, this.contract.timeZone)),
      ...(discount ? { description: `Early-payment discount on ${this.stageDescription(stage)}` } : {}),
    };
    // A revision of the stage changes the share of its tax a credit carries.
    await this.ensure(
      { code, type: "ReturnInvoice", stage, splitTax: -credit.tax, net: -net, ledgerEntryId: credit.entryId, adjustment: SCHEDULE_REVISED },
      () => returnInvoiceModel(input, salesCode),
    );
  }

  async void(stage: StoredStage): Promise<void> {
    await this.voidDocument(stageDocumentCode(this.contract.id, stage.position));
  }

  /** Voids a stored document (DocVoided) whose sale or credit no longer stands. */
  async voidDocument(code: string): Promise<void> {
    const document = this.stored.get(code);
    if (!document || document.status === "voided") return;
    const record = (status: "voided" | "pending", taxMinor: bigint | null, lastError: string | null) =>
      recordAvaTaxDocument(
        this.deps.db,
        this.shop,
        {
          contractId: this.contract.id,
          stagePosition: document.stagePosition,
          code,
          type: document.type,
          status,
          taxMinor,
          splitTaxMinor: document.splitTaxMinor,
          netMinor: document.netMinor,
          currency: this.contract.currency,
          ledgerEntryId: document.ledgerEntryId,
          lastError,
        },
        this.actor,
      );
    const sdkType = document.type === "SalesInvoice" ? SdkDocumentType.SalesInvoice : SdkDocumentType.ReturnInvoice;
    try {
      // A document whose creation never reached Avalara has nothing to void there.
      const existing = await this.client.findTransaction(code, sdkType);
      if (existing && existing.status !== "Cancelled") {
        await this.client.voidTransaction(code, sdkType);
        this.changed.push(code);
      }
      await record("voided", document.taxMinor, null);
    } catch (error) {
      await this.fail(error, code, () => record("pending", document.taxMinor, errorWords(error)));
    }
  }

  private async ensure(
    target: {
      code: string;
      type: AvaTaxDocumentType;
      stage: StoredStage;
      splitTax: bigint;
      net: bigint;
      ledgerEntryId: string | null;
      /** Why, should the document at Avalara differ from it. */
      adjustment: Adjustment;
    },
    model: () => ReturnType<typeof salesInvoiceModel>,
  ): Promise<void> {
    const document = this.stored.get(target.code);
    // A document at Avalara of a stage revised since (its amount or tax share changed, or it was cancelled paid in
    // part) is adjusted to what the stage now sells.
    const atAvalara = document?.status === "committed" || document?.status === "saved";
    const revised = atAvalara && (document.netMinor !== target.net || document.splitTaxMinor !== target.splitTax);
    const settled =
      document && (document.status === "committed" || document.status === "voided" || (document.status === "saved" && !this.connection.commitOnInvoice));
    if (settled && !revised) return;
    const currency = currencyFor(this.contract.currency);
    const record = (status: AvaTaxDocument["status"], result: AvaTaxTransactionResult | null, lastError: string | null) =>
      recordAvaTaxDocument(
        this.deps.db,
        this.shop,
        {
          contractId: this.contract.id,
          stagePosition: target.stage.position,
          code: target.code,
          type: target.type,
          status,
          taxMinor: result ? minorFromAvaTax(result.totalTax, currency) : (document?.taxMinor ?? null),
          splitTaxMinor: target.splitTax,
          netMinor: target.net,
          currency: this.contract.currency,
          ledgerEntryId: target.ledgerEntryId,
          lastError,
        },
        this.actor,
      );
    const sdkType = target.type === "SalesInvoice" ? SdkDocumentType.SalesInvoice : SdkDocumentType.ReturnInvoice;
    try {
      if (revised) {
        const adjusted = await this.client.adjustTransaction({ ...model(), code: target.code }, sdkType, target.adjustment);
        this.changed.push(target.code);
        await record(statusOf(adjusted), adjusted, null);
        return;
      }
      const existing = await this.client.findTransaction(target.code, sdkType);
      const committedOrWanted = existing && (existing.status === "Committed" || existing.status === "Cancelled" || !this.connection.commitOnInvoice);
      const result = committedOrWanted ? existing : await this.client.createTransaction(model());
      if (!committedOrWanted) this.changed.push(target.code);
      await record(statusOf(result), result, null);
    } catch (error) {
      await this.fail(error, target.code, () => record("pending", null, errorWords(error)));
    }
  }

  private async fail(error: unknown, code: string, recordFailure: () => Promise<unknown>): Promise<void> {
    // Only Avalara's answers (and its absence) are expected here; anything else is a bug and stops the run.
    if (!(error instanceof AvaTaxRequestError)) throw error;
    await recordFailure();
    this.failures.push(`${code}: ${error.message}`);
  }

  private stageDescription(stage: StoredStage): string {
    return `${stage.title} (${this.contract.sourceDraftName ?? this.contract.sourceDraftOrderId})`;
  }

  private documentInput(stage: StoredStage, code: string, net: bigint, tax: bigint, date?: string): StageDocumentInput {
    return {
      code,
      companyCode: this.connection.companyCode,
      customerCode: customerCodeOf(this.contract),
      currency: currencyFor(this.contract.currency),
      date: date ?? stage.issueDate ?? calendarDateAt(this.deps.now(), this.contract.timeZone),
      description: this.stageDescription(stage),
      net,
      tax,
      taxMode: this.connection.taxMode,
      commit: this.connection.commitOnInvoice,
      origin: this.connection.origin,
      shipTo: this.contract.orderSnapshot.shipTo ?? null,
      invoiceNumber: stage.invoiceNumber,
    };
  }
}

function statusOf(result: AvaTaxTransactionResult): AvaTaxDocument["status"] {
  if (result.status === "Committed") return "committed";
  if (result.status === "Cancelled") return "voided";
  return "saved";
}

/** Avalara's customer code: the Shopify customer's numeric id, or the contract when the draft named no customer. */
function customerCodeOf(contract: StoredContract): string {
  const id = contract.customerId?.split("/").pop();
  return id ? `shopify-${id}` : `tranche-${contract.id}`;
}

function errorWords(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
