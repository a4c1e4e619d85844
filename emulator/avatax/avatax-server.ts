import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Decimal } from "decimal.js";

/**
 * A local stand-in for Avalara's AvaTax REST v2 API, answering the calls the official `avatax` SDK makes for
 * Tranche: ping, CreateTransaction, GetTransactionByCode, AdjustTransaction, VoidTransaction, RefundTransaction.
 * Behaviour follows Avalara's documentation (developer.avalara.com/api-reference/avatax/rest/v2):
 * - HTTP Basic auth of account id and license key; anything else answers 401 `AuthenticationException`.
 * - A document is keyed by company, code and type. Creating one whose code is taken by a committed document of the
 *   same type answers `DocumentCodeConflict` (number 303); an uncommitted one is replaced.
 * - Tax per line is the line's amount times the rate of the region taxed (RATES): the `shipTo` address's, for goods
 *   shipped from `shipFrom` (destination-based sales tax), or the `singleLocation`'s. Rounded half-up to 2 decimals
 *   (the document's currency exponent where it is 0 or 3); a `taxOverride` of type TaxAmount makes the document's
 *   tax exactly the given amount, spread over its lines by amount (largest remainder).
 * - Void with `DocVoided` or `DocDeleted` cancels a document; a refund creates a committed ReturnInvoice.
 * - Adjust replaces a document under its code, keeping its type; the reason `Other` needs an `adjustmentDescription`.
 * State lives in memory; GET /_avatax/documents lists it (and `documents()` in process). It never imports from the app: a test double must not share the code it checks.
 */

/** Sales tax rates by ship-to region (US state, or the country where no region is given); anything else is 0. */
export const RATES: Readonly<Record<string, string>> = { WA: "0.101", CA: "0.0725", NY: "0.08875", TX: "0.0825", DE: "0.19", GB: "0.20" };

const EXPONENTS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };

export interface AvaTaxLine {
  readonly lineNumber: string;
  readonly amount: string;
  readonly tax: string;
  readonly description: string | null;
}

export interface AvaTaxTransaction {
  readonly id: number;
  readonly companyCode: string;
  readonly code: string;
  readonly type: "SalesInvoice" | "ReturnInvoice" | "SalesOrder" | "ReturnOrder";
  status: "Saved" | "Committed" | "Cancelled";
  readonly date: string;
  readonly customerCode: string;
  readonly currencyCode: string;
  readonly referenceCode: string | null;
  readonly totalAmount: string;
  readonly totalTax: string;
  readonly totalTaxCalculated: string;
  readonly taxOverrideAmount: string | null;
  readonly lines: readonly AvaTaxLine[];
  /** The region whose rate applied (a US state, or the country), as the document's summary names it. */
  readonly taxRegion: string;
  /** How many times it was adjusted (each adjust keeps the code and raises this). */
  adjustments: number;
  /** Why it was voided, as the request named it. */
  voidReason: string | null;
}

export interface AvaTaxServerOptions {
  readonly accountId: string;
  readonly licenseKey: string;
  readonly port?: number;
}

export interface AvaTaxServer {
  readonly url: string;
  /** Every document stored, in creation order (adjustments replace in place). */
  documents(): readonly AvaTaxTransaction[];
  /** The next `count` calls (not pings) answer 500 with Avalara's error shape, as an outage would. */
  failNext(count: number): void;
  /** How many authenticated calls each path received. */
  calls(): readonly string[];
  close(): Promise<void>;
}

const DOCUMENT_TYPES = ["SalesOrder", "SalesInvoice", "PurchaseOrder", "PurchaseInvoice", "ReturnOrder", "ReturnInvoice"] as const;
const VOID_CODES = ["Unspecified", "PostFailed", "DocDeleted", "DocVoided", "AdjustmentCancelled"] as const;
const REFUND_TYPES = ["Full", "Partial", "TaxOnly", "Percentage"] as const;
const OVERRIDE_TYPES = ["None", "TaxAmount", "Exemption", "TaxDate"] as const;
const ADJUSTMENT_REASONS = [
  "NotAdjusted",
  "SourcingIssue",
  "ReconciledWithGeneralLedger",
  "ExemptCertApplied",
  "PriceAdjusted",
  "ProductReturned",
  "ProductExchanged",
  "BadDebt",
  "Other",
  "Offline",
  "Offset",
] as const;

/** The SDK sends its enums as numbers; Avalara accepts their names too. */
function enumName<T extends string>(value: unknown, names: readonly T[]): T | undefined {
  if (typeof value === "number") return names[value];
  if (typeof value === "string") return names.find((name) => name.toLowerCase() === value.toLowerCase());
  return undefined;
}

class AvaTaxFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly number: number,
    readonly faultCode: "Client" | "Server" = "Client",
  ) {
    super(message);
  }
}

function errorBody(fault: AvaTaxFault) {
  return {
    error: {
      code: fault.code,
      message: fault.message,
      target: fault.status === 401 ? "HttpRequestHeaders" : "Unknown",
      details: [
        {
          code: fault.code,
          number: fault.number,
          message: fault.message,
          description: fault.message,
          faultCode: fault.faultCode,
          helpLink: `http://developer.avalara.com/avatax/errors/${fault.code}`,
          severity: "Error",
        },
      ],
    },
  };
}

export async function startAvaTaxServer(options: AvaTaxServerOptions): Promise<AvaTaxServer> {
  const documents: AvaTaxTransaction[] = [];
  const calls: string[] = [];
  let failures = 0;
  let nextId = 1;
  const expectedAuth = `Basic ${Buffer.from(`${options.accountId}:${options.licenseKey}`).toString("base64")}`;

  const find = (companyCode: string, code: string, type?: string) =>
    documents.filter((document) => document.companyCode === companyCode && document.code === code && (!type || document.type === type));

  const findOne = (companyCode: string, code: string, type: string | undefined): AvaTaxTransaction => {
    const matches = find(companyCode, code, type);
    if (matches.length === 0) throw new AvaTaxFault(404, "EntityNotFoundError", `Document with code '${code}' not found.`, 4);
    if (matches.length > 1) throw new AvaTaxFault(400, "DocumentCodeConflict", "Please specify DocumentType parameter", 303);
    return matches[0]!;
  };

  const create = (model: Record<string, unknown>): AvaTaxTransaction => {
    const type = enumName(model.type, DOCUMENT_TYPES) ?? "SalesOrder";
    if (type !== "SalesInvoice" && type !== "ReturnInvoice" && type !== "SalesOrder" && type !== "ReturnOrder") {
      throw new AvaTaxFault(400, "InvalidDocumentType", `Document type ${type} is not supported here.`, 1310);
    }
    const companyCode = requiredString(model, "companyCode");
    const customerCode = requiredString(model, "customerCode");
    const currencyCode = typeof model.currencyCode === "string" ? model.currencyCode : "USD";
    const lines = Array.isArray(model.lines) ? (model.lines as Record<string, unknown>[]) : [];
    if (lines.length === 0) throw new AvaTaxFault(400, "ValueRequiredError", "Field 'lines' is required.", 5);
    const region = shipToRegion(model.addresses);
    const rate = new Decimal(RATES[region] ?? "0");
    const exponent = EXPONENTS[currencyCode] ?? 2;
    const amounts = lines.map((line, index) => {
      if (typeof line.amount !== "number" && typeof line.amount !== "string")
        throw new AvaTaxFault(400, "ValueRequiredError", `Field 'lines[${index}].amount' is required.`, 5);
      return new Decimal(line.amount);
    });
    const calculated = amounts.map((amount) => amount.times(rate).toDecimalPlaces(exponent, Decimal.ROUND_HALF_UP));
    const override = model.taxOverride as Record<string, unknown> | undefined;
    const overrideAmount = override && enumName(override.type, OVERRIDE_TYPES) === "TaxAmount" ? new Decimal(String(override.taxAmount ?? 0)) : null;
    const taxes = overrideAmount === null ? calculated : spread(overrideAmount, amounts, exponent);
    const code = typeof model.code === "string" && model.code ? model.code : `auto-${nextId}`;
    const commit = model.commit === true;
    const existing = find(companyCode, code, type)[0];
    if (existing && existing.status === "Committed")
      throw new AvaTaxFault(400, "DocumentCodeConflict", `A committed ${type} with code '${code}' already exists.`, 303);
    const transaction: AvaTaxTransaction = {
      id: nextId++,
      companyCode,
      code,
      type,
      // Orders are estimates: Avalara never stores them as committed.
      status: commit && type.endsWith("Invoice") ? "Committed" : "Saved",
      date: typeof model.date === "string" ? model.date.slice(0, 10) : new Date().toISOString().slice(0, 10),
      customerCode,
      currencyCode,
      referenceCode: typeof model.referenceCode === "string" ? model.referenceCode : null,
      totalAmount: sum(amounts).toFixed(exponent),
      totalTax: sum(taxes).toFixed(exponent),
      totalTaxCalculated: sum(calculated).toFixed(exponent),
      taxOverrideAmount: overrideAmount?.toFixed(exponent) ?? null,
      lines: lines.map((line, index) => ({
        lineNumber: typeof line.number === "string" ? line.number : String(index + 1),
        amount: amounts[index]!.toFixed(exponent),
        tax: taxes[index]!.toFixed(exponent),
        description: typeof line.description === "string" ? line.description : null,
      })),
      taxRegion: region,
      adjustments: 0,
      voidReason: null,
    };
    if (existing) documents.splice(documents.indexOf(existing), 1, transaction);
    else if (type.endsWith("Invoice")) documents.push(transaction);
    return transaction;
  };

  const refund = (original: AvaTaxTransaction, model: Record<string, unknown>): AvaTaxTransaction => {
    if (original.status !== "Committed")
      throw new AvaTaxFault(400, "InvalidDocumentStatusForRefund", `Document '${original.code}' must be committed to be refunded.`, 1311);
    const refundType = enumName(model.refundType, REFUND_TYPES) ?? "Full";
    const exponent = EXPONENTS[original.currencyCode] ?? 2;
    let lines = original.lines;
    let share = new Decimal(1);
    if (refundType === "Partial") {
      const wanted = Array.isArray(model.refundLines) ? model.refundLines.map(String) : [];
      lines = original.lines.filter((line) => wanted.includes(line.lineNumber));
      if (lines.length === 0) throw new AvaTaxFault(400, "ValueRequiredError", "Field 'refundLines' is required for a partial refund.", 5);
    } else if (refundType === "Percentage") {
      share = new Decimal(String(model.refundPercentage ?? 0)).dividedBy(100);
    }
    const amounts = lines.map((line) =>
      (refundType === "TaxOnly" ? new Decimal(0) : new Decimal(line.amount).times(share).toDecimalPlaces(exponent)).negated(),
    );
    const taxes = lines.map((line) => new Decimal(line.tax).times(share).toDecimalPlaces(exponent, Decimal.ROUND_HALF_UP).negated());
    const code =
      typeof model.refundTransactionCode === "string" && model.refundTransactionCode ? model.refundTransactionCode : `${original.code}-refund-${nextId}`;
    if (find(original.companyCode, code, "ReturnInvoice").some((document) => document.status === "Committed")) {
      throw new AvaTaxFault(400, "DocumentCodeConflict", `A committed ReturnInvoice with code '${code}' already exists.`, 303);
    }
    const transaction: AvaTaxTransaction = {
      ...original,
      id: nextId++,
      code,
      type: "ReturnInvoice",
      status: "Committed",
      date: typeof model.refundDate === "string" ? model.refundDate.slice(0, 10) : original.date,
      referenceCode: typeof model.referenceCode === "string" ? model.referenceCode : original.code,
      totalAmount: sum(amounts).toFixed(exponent),
      totalTax: sum(taxes).toFixed(exponent),
      totalTaxCalculated: sum(taxes).toFixed(exponent),
      taxOverrideAmount: null,
      lines: lines.map((line, index) => ({ ...line, amount: amounts[index]!.toFixed(exponent), tax: taxes[index]!.toFixed(exponent) })),
      adjustments: 0,
      voidReason: null,
    };
    documents.push(transaction);
    return transaction;
  };

  const route = async (request: IncomingMessage): Promise<unknown> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    if (method === "GET" && url.pathname === "/api/v2/utilities/ping") {
      // Ping answers without credentials too, saying whether the ones given were good.
      const authenticated = request.headers.authorization === expectedAuth;
      return {
        version: "26.9.0-local",
        authenticated,
        authenticationType: authenticated ? "AccountIdLicenseKey" : "None",
        authenticatedAccountId: authenticated ? Number(options.accountId) || 0 : null,
      };
    }
    // The control endpoint: what the demo and tests look at, like the emulator's /_emulator pages.
    if (method === "GET" && url.pathname === "/_avatax/documents") return documents.map(view);
    if (request.headers.authorization !== expectedAuth) throw new AvaTaxFault(401, "AuthenticationException", "Authentication failed.", 34);
    calls.push(`${method} ${url.pathname}`);
    if (failures > 0) {
      failures -= 1;
      throw new AvaTaxFault(500, "ServerConfiguration", "The AvaTax service is unavailable. Please try again later.", 1, "Server");
    }
    const body = method === "POST" ? await readJson(request) : {};
    if (method === "POST" && url.pathname === "/api/v2/transactions/create") return view(create(body));
    const match = /^\/api\/v2\/companies\/([^/]+)\/transactions\/([^/]+)(?:\/(adjust|void|refund))?$/.exec(url.pathname);
    if (!match) throw new AvaTaxFault(404, "EntityNotFoundError", `No such API: ${method} ${url.pathname}`, 4);
    const [, companyCode, code, action] = match.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    const type = enumName(url.searchParams.get("documentType") ?? undefined, DOCUMENT_TYPES);
    const document = findOne(companyCode!, code!, type);
    if (method === "GET" && !action) return view(document);
    if (method !== "POST") throw new AvaTaxFault(405, "MethodNotAllowed", `${method} is not allowed here.`, 4);
    if (action === "void") {
      const reason = enumName(body.code, VOID_CODES);
      if (!reason || reason === "Unspecified") throw new AvaTaxFault(400, "ValueRequiredError", "Field 'code' is required.", 5);
      if (document.status === "Cancelled") return view(document);
      document.status = "Cancelled";
      document.voidReason = reason;
      return view(document);
    }
    if (action === "adjust") {
      if (document.status === "Cancelled") throw new AvaTaxFault(400, "CannotAdjustDocumentType", `Document '${code}' is voided.`, 1312);
      const reason = enumName(body.adjustmentReason, ADJUSTMENT_REASONS);
      if (!reason || reason === "NotAdjusted") throw new AvaTaxFault(400, "ValueRequiredError", "Field 'adjustmentReason' is required.", 5);
      if (reason === "Other" && !(typeof body.adjustmentDescription === "string" && body.adjustmentDescription.trim()))
        throw new AvaTaxFault(400, "ValueRequiredError", "Field 'adjustmentDescription' is required when the adjustment reason is Other.", 5);
      const newTransaction = (body.newTransaction ?? {}) as Record<string, unknown>;
      const adjustments = document.adjustments + 1;
      const index = documents.indexOf(document);
      documents.splice(index, 1);
      let adjusted: AvaTaxTransaction;
      try {
        adjusted = create({ ...newTransaction, code: document.code, companyCode: document.companyCode, type: document.type });
      } catch (error) {
        // A refused adjustment leaves the document as it was.
        documents.splice(index, 0, document);
        throw error;
      }
      adjusted.adjustments = adjustments;
      return view(adjusted);
    }
    return view(refund(document, body));
  };

  const server: Server = createServer((request, response) => {
    route(request)
      .then((result) => send(response, 200, result))
      .catch((error: unknown) => {
        if (error instanceof AvaTaxFault) send(response, error.status, errorBody(error));
        else send(response, 500, errorBody(new AvaTaxFault(500, "ServerConfiguration", error instanceof Error ? error.message : String(error), 1, "Server")));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    documents: () => documents.map((document) => ({ ...document })),
    failNext: (count) => {
      failures = count;
    },
    calls: () => [...calls],
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The largest-remainder spread of `total` over lines by their amounts, in steps of the currency's minor unit. */
function spread(total: Decimal, amounts: readonly Decimal[], exponent: number): Decimal[] {
  const unit = new Decimal(10).pow(-exponent);
  const base = sum(amounts);
  if (base.isZero()) return amounts.map((_, index) => (index === 0 ? total : new Decimal(0)));
  const exact = amounts.map((amount) => total.times(amount).dividedBy(base));
  const floors = exact.map((share) => share.dividedBy(unit).floor().times(unit));
  let left = total.minus(sum(floors)).dividedBy(unit).round().toNumber();
  const order = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = floors[index]!.plus(unit);
    left -= 1;
  }
  return floors;
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), new Decimal(0));
}

function shipToRegion(addresses: unknown): string {
  const all = (addresses ?? {}) as Record<string, Record<string, unknown> | undefined>;
  // Goods shipped are taxed where they go; a single location is both origin and destination.
  const address = all.shipTo ?? all.singleLocation ?? {};
  const region = typeof address.region === "string" && address.region ? address.region : address.country;
  return typeof region === "string" ? region.toUpperCase() : "";
}

function requiredString(model: Record<string, unknown>, field: string): string {
  const value = model[field];
  if (typeof value !== "string" || value === "") throw new AvaTaxFault(400, "ValueRequiredError", `Field '${field}' is required.`, 5);
  return value;
}

/** A transaction as Avalara answers it: amounts as JSON numbers. */
function view(document: AvaTaxTransaction) {
  return {
    id: document.id,
    code: document.code,
    companyCode: document.companyCode,
    type: document.type,
    status: document.status,
    date: document.date,
    customerCode: document.customerCode,
    currencyCode: document.currencyCode,
    referenceCode: document.referenceCode,
    totalAmount: Number(document.totalAmount),
    totalTax: Number(document.totalTax),
    totalTaxCalculated: Number(document.totalTaxCalculated),
    adjustmentReason: document.adjustments > 0 ? "Other" : "NotAdjusted",
    version: document.adjustments + 1,
    lines: document.lines.map((line) => ({
      lineNumber: line.lineNumber,
      lineAmount: Number(line.amount),
      tax: Number(line.tax),
      description: line.description,
    })),
    summary: [{ region: document.taxRegion, rate: Number(RATES[document.taxRegion] ?? 0), tax: Number(document.totalTax) }],
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new AvaTaxFault(400, "JsonFormatError", "The request body is not valid JSON.", 1000);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
