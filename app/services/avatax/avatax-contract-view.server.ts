import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { listAvaTaxDocuments } from "../../models/avatax-documents.server";
import type { Database } from "../../models/database.server";

/** One AvaTax document as the contract page shows it: amounts as decimal strings for the shop's formatter. */
export interface AvaTaxDocumentView {
  readonly code: string;
  readonly type: "SalesInvoice" | "ReturnInvoice";
  readonly position: number;
  readonly status: "pending" | "saved" | "committed" | "voided";
  /** What AvaTax recorded (null while it has nothing), and our split of Shopify's tax for the same stage or refund. */
  readonly tax: string | null;
  readonly splitTax: string;
  readonly currency: string;
  readonly lastError: string | null;
}

export async function contractAvaTaxDocuments(db: Database, shop: string, contractId: string): Promise<AvaTaxDocumentView[]> {
  const documents = await listAvaTaxDocuments(db, shop, contractId);
  return documents.map((document) => {
    const currency = currencyFor(document.currency);
    return {
      code: document.code,
      type: document.type,
      position: document.stagePosition,
      status: document.status,
      tax: document.taxMinor === null ? null : formatMinorUnits(document.taxMinor, currency),
      splitTax: formatMinorUnits(document.splitTaxMinor, currency),
      currency: document.currency,
      lastError: document.lastError,
    };
  });
}
