import Avatax from "avatax";
import { AdjustmentReason } from "avatax/lib/enums/AdjustmentReason.js";
import { DocumentType } from "avatax/lib/enums/DocumentType.js";
import { VoidReasonCode } from "avatax/lib/enums/VoidReasonCode.js";
import type { CreateTransactionModel } from "avatax/lib/models/CreateTransactionModel";

import type { AvaTaxConnection } from "../../models/avatax-settings.server";
import { isAvalaraEnvironment, localServerProblem } from "./avatax-environment";

/**
 * The few AvaTax calls Tranche makes, through Avalara's official SDK. Every failure comes out as an
 * `AvaTaxRequestError` in plain words with Avalara's error code; its message never carries the license key
 * (the SDK's own logging stays off, and any echo of the key in an answer is blanked). Nothing is sent to an environment
 * that is neither Avalara's nor a local AvaTax server on this machine (avatax-environment.ts): the credentials go
 * with every request.
 */

const APP_NAME = "Tranche";
const APP_VERSION = "1.0";
/** A call that takes longer than this counts as an outage: the job retries it later. */
const TIMEOUT_MS = 30_000;

/** What Tranche reads of an Avalara transaction. Avalara answers statuses and types by name. */
export interface AvaTaxTransactionResult {
  readonly code: string;
  readonly type: string;
  readonly status: string;
  readonly totalTax: number;
}

export class AvaTaxRequestError extends Error {
  override readonly name = "AvaTaxRequestError";
  constructor(
    message: string,
    /** Avalara's error code (AuthenticationException, DocumentCodeConflict…), or "Unreachable" when no answer came. */
    readonly code: string,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.code === "EntityNotFoundError";
  }
}

export class AvaTaxClient {
  private readonly sdk: Avatax;
  /** Why no request may go to the connection's environment, or null. */
  private readonly refusal: string | null;

  constructor(private readonly connection: AvaTaxConnection) {
    const problem = isAvalaraEnvironment(connection.environment) ? null : localServerProblem(connection.environment);
    this.refusal = problem ? `the AvaTax environment in Settings → AvaTax ${problem}` : null;
    this.sdk = new Avatax({
      appName: APP_NAME,
      appVersion: APP_VERSION,
      machineName: "tranche",
      environment: connection.environment,
      timeout: TIMEOUT_MS,
    }).withSecurity({
      accountId: connection.accountId,
      licenseKey: connection.licenseKey,
    });
  }

  /** Whether Avalara accepts the credentials (ping answers even without them, saying so). */
  async ping(): Promise<{ readonly authenticated: boolean; readonly version: string }> {
    const result = await this.call("ping", () => this.sdk.ping());
    return { authenticated: result.authenticated === true, version: result.version ?? "" };
  }

  /** The company's document with this code and type, or null when Avalara has none. */
  async findTransaction(code: string, type: DocumentType): Promise<AvaTaxTransactionResult | null> {
    try {
      const result = await this.call("GetTransactionByCode", () =>
        this.sdk.getTransactionByCode({ companyCode: this.connection.companyCode, transactionCode: code, documentType: type }),
      );
      return transactionResult(result);
    } catch (error) {
      if (error instanceof AvaTaxRequestError && error.isNotFound) return null;
      throw error;
    }
  }

  async createTransaction(model: CreateTransactionModel): Promise<AvaTaxTransactionResult> {
    return transactionResult(await this.call("CreateTransaction", () => this.sdk.createTransaction({ model })));
  }

  /**
   * Replaces a document's lines and tax (the stage was revised, or cancelled paid in part, after it was invoiced); the
   * code stays and Avalara keeps the earlier version. Avalara asks for a description with the reason `Other`.
   */
  async adjustTransaction(
    model: CreateTransactionModel & { readonly code: string },
    type: DocumentType,
    adjustment: { readonly reason: AdjustmentReason; readonly description: string },
  ): Promise<AvaTaxTransactionResult> {
    const result = await this.call("AdjustTransaction", () =>
      this.sdk.adjustTransaction({
        companyCode: this.connection.companyCode,
        transactionCode: model.code,
        documentType: type,
        model: { adjustmentReason: adjustment.reason, adjustmentDescription: adjustment.description, newTransaction: model },
      }),
    );
    return transactionResult(result);
  }

  /** Voids a document (DocVoided: the sale did not happen); Avalara keeps the code reserved. */
  async voidTransaction(code: string, type: DocumentType): Promise<AvaTaxTransactionResult> {
    const result = await this.call("VoidTransaction", () =>
      this.sdk.voidTransaction({
        companyCode: this.connection.companyCode,
        transactionCode: code,
        documentType: type,
        model: { code: VoidReasonCode.DocVoided },
      }),
    );
    return transactionResult(result);
  }

  private async call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    if (this.refusal) throw new AvaTaxRequestError(this.refusal, "EnvironmentRefused");
    try {
      return await request();
    } catch (error) {
      throw this.requestError(operation, error);
    }
  }

  private requestError(operation: string, error: unknown): AvaTaxRequestError {
    const code =
      typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "Unreachable";
    const said = error instanceof Error ? error.message : String(error);
    const words =
      code === "AuthenticationException"
        ? `AvaTax refused the account id and license key (${said}): check them in Settings → AvaTax`
        : code === "Unreachable"
          ? `AvaTax could not be reached (${said}); the work is retried`
          : `AvaTax refused ${operation}: ${said} (${code})`;
    return new AvaTaxRequestError(this.withoutKey(words), code);
  }

  private withoutKey(text: string): string {
    return this.connection.licenseKey ? text.split(this.connection.licenseKey).join("[license key]") : text;
  }
}

/** Avalara answers enums by name; the SDK types them as numbers, so both are read. */
function transactionResult(result: { code?: string; type?: unknown; status?: unknown; totalTax?: number }): AvaTaxTransactionResult {
  return {
    code: result.code ?? "",
    type: typeof result.type === "number" ? (DocumentType[result.type] ?? String(result.type)) : String(result.type ?? ""),
    status: typeof result.status === "number" ? String(result.status) : String(result.status ?? ""),
    totalTax: result.totalTax ?? 0,
  };
}

export { DocumentType as AvaTaxDocumentType };
