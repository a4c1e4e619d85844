import type { BuyerDocument } from "../../domain/documents/buyer-document";
import { renderInvoicePdf } from "../../documents/invoice-pdf";
import { renderStatementPdf } from "../../documents/statement-pdf";
import type { StoredContract } from "../../models/contracts.server";
import type { Database } from "../../models/database.server";
import { buyerDocumentOf } from "../buyer-documents/buyer-document.server";
import { stageInvoiceDate } from "../buyer-documents/statement-events.server";
import { statementPdfUrl } from "../buyer/signed-links.server";
import { openLink, openPortalLink, PortalLinkNotFoundError, type LinkAccess, type PortalEnvironment } from "./portal-access.server";
import { portalStatements } from "./portal-statement.server";
import { portalContractOf, portalSellerOf, portalStatementLinesOf, type PortalStatement, type PortalView } from "./portal-view";
import type { StatementField, StatementIssue } from "./statement-request";

/** The portal page of a link, with the statement its query asks for; `refused` when that request was not valid. */
export async function buyerPortalPage(
  db: Database,
  token: string,
  environment: PortalEnvironment,
  query: URLSearchParams,
): Promise<{ readonly view: PortalView; readonly refused: boolean }> {
  const access = await openPortalLink(db, token, environment);
  const statements = await portalStatements(db, access, environment.now);
  const result = statements.read(query);
  const typed = (field: StatementField) => query.get(field)?.trim() || statements.defaults[field];
  const statement: PortalStatement = result.ok
    ? {
        currencies: statements.currencies,
        form: result.request,
        issues: [],
        shown: portalStatementLinesOf(statements.statementFor(result.request), access.locale, statementPdfUrl(environment.appUrl, token, result.request)),
      }
    : { currencies: statements.currencies, form: { from: typed("from"), to: typed("to"), currency: typed("currency") }, issues: result.issues, shown: null };
  return {
    view: {
      locale: access.locale,
      seller: portalSellerOf(documentOf(access, access.linked, environment).seller),
      contracts: access.contracts.map((contract) => portalContractOf(documentOf(access, contract, environment))),
      statement,
    },
    refused: !result.ok,
  };
}

export interface PortalPdf {
  readonly data: Uint8Array;
  /** Without a path: "TR-000004.pdf". */
  readonly filename: string;
}

/** The invoice PDF of the linked contract's stage at `position`; a stage it lacks, or one not invoiced, is not found. */
export async function buyerInvoicePdf(db: Database, token: string, environment: PortalEnvironment, position: number): Promise<PortalPdf> {
  const access = await openLink(db, token, environment);
  const stage = access.linked.stages.find((candidate) => candidate.position === position);
  if (!stage?.invoiceNumber) throw new PortalLinkNotFoundError(`contract ${access.linked.id} has no invoice for payment ${position}`);
  const issuedOn = await stageInvoiceDate(db, access.scope.shop, access.linked, stage);
  const data = await renderInvoicePdf(documentOf(access, access.linked, environment), position, { issuedOn });
  return { data, filename: `${stage.invoiceNumber}.pdf` };
}

/** The statement PDF the query asks for, or what is wrong with the query. */
export async function buyerStatementPdf(
  db: Database,
  token: string,
  environment: PortalEnvironment,
  query: URLSearchParams,
): Promise<{ readonly ok: true; readonly pdf: PortalPdf } | { readonly ok: false; readonly issues: readonly StatementIssue[]; readonly locale: string }> {
  const access = await openPortalLink(db, token, environment);
  const statements = await portalStatements(db, access, environment.now);
  const result = statements.read(query);
  if (!result.ok) return { ok: false, issues: result.issues, locale: access.locale };
  const { seller, buyer, locale } = documentOf(access, access.linked, environment);
  const data = await renderStatementPdf({ seller, buyer, locale, statement: statements.statementFor(result.request) });
  const { from, to, currency } = result.request;
  return { ok: true, pdf: { data, filename: `statement-${currency}-${from}-${to}.pdf` } };
}

/** Each contract's document signs its own links, so an invoice link opens only that contract. */
function documentOf(access: LinkAccess, contract: StoredContract, environment: PortalEnvironment): BuyerDocument {
  const { appUrl, linkSecret, now } = environment;
  return buyerDocumentOf(contract, access.branding, { appUrl, linkSecret, now, locale: access.locale });
}
