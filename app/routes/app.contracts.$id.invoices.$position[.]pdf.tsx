import type { LoaderFunctionArgs } from "@remix-run/node";

import { renderInvoicePdf } from "../documents/invoice-pdf";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { getContract } from "../models/contracts.server";
import { getShopBranding } from "../models/shop-branding.server";
import { buyerDocumentOf } from "../services/buyer-documents/buyer-document.server";
import { requireStaff } from "../staff-context.server";

/**
 * `/app/contracts/<id>/invoices/<position>.pdf`: a stage's invoice as its buyer gets it, downloaded by staff from the
 * contract page (the `[.]` keeps the dot in the URL rather than nesting a route).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const contract = await getContract(deps.db, shop, params.id ?? "");
  if (!contract) throw notFound("This contract does not exist in this shop.");
  const position = Number(params.position);
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw notFound(`This contract has no stage ${params.position}: its stages are 1 to ${contract.stages.length}.`);
  if (!stage.invoiceNumber) throw notFound(`Stage ${position} has not been invoiced yet, so it has no invoice number and no invoice.`);

  const document = buyerDocumentOf(contract, await getShopBranding(deps.db, shop), {
    appUrl: deps.buyerMail.appUrl,
    linkSecret: deps.buyerMail.linkSecret,
    now: deps.now(),
  });
  // The stage's own issue date keeps the invoice the same document on every download; a checkout stage has none and
  // was invoiced when the contract was made.
  const issuedOn = stage.issueDate ?? calendarDateAt(contract.createdAt, contract.timeZone);
  const pdf = await renderInvoicePdf(document, position, { issuedOn });
  // A copy on a plain ArrayBuffer: what a Response body takes (the renderer's bytes may sit on a shared one).
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${stage.invoiceNumber.replace(/[^\w.-]/g, "_")}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
};

function notFound(message: string): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
