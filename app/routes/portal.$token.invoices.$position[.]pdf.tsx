import type { LoaderFunctionArgs } from "@remix-run/node";

import prisma from "../db.server";
import { answerPortalFile, portalFileNotFound, portalHeaders } from "../portal/portal-http.server";
import { buyerInvoicePdf } from "../services/buyer-portal/buyer-portal.server";

/**
 * A stage's invoice PDF (/portal/<token>/invoices/<position>.pdf, the dot escaped in the file name). The token is the
 * contract's own, so only that contract's invoices open with it; another position, or one not invoiced, is 404.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answerPortalFile(request, async (environment) => {
    const position = /^[1-9]\d{0,3}$/.test(params.position ?? "") ? Number(params.position) : null;
    if (position === null) return portalFileNotFound(request);
    const { data, filename } = await buyerInvoicePdf(prisma, params.token ?? "", environment, position);
    return new Response(new Uint8Array(data), {
      headers: portalHeaders({ "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${filename}"` }),
    });
  });
