import type { LoaderFunctionArgs } from "@remix-run/node";

import prisma from "../db.server";
import { answerPortalFile, portalHeaders } from "../portal/portal-http.server";
import { portalMessagesFor } from "../portal/portal-messages";
import { buyerStatementPdf } from "../services/buyer-portal/buyer-portal.server";

/**
 * The account statement PDF of every contract the token opens (/portal/<token>/statement.pdf?from&to&currency), in one
 * currency. A parameter that is not valid is a 400 naming it and what is wrong, one line per field.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answerPortalFile(request, async (environment) => {
    const query = new URL(request.url).searchParams;
    const result = await buyerStatementPdf(prisma, params.token ?? "", environment, query);
    if (!result.ok) {
      const messages = portalMessagesFor(result.locale);
      const lines = result.issues.map(
        (issue) => `${issue.field}=${JSON.stringify(query.get(issue.field) ?? "")}: ${messages.statementProblems[issue.problem]}`,
      );
      return new Response(lines.join("\n"), { status: 400, headers: portalHeaders({ "Content-Type": "text/plain; charset=utf-8" }) });
    }
    return new Response(new Uint8Array(result.pdf.data), {
      headers: portalHeaders({ "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${result.pdf.filename}"` }),
    });
  });
