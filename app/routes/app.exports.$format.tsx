import type { LoaderFunctionArgs } from "@remix-run/node";

import { accountingExport, MixedCurrencyExportError } from "../services/accounting-export/accounting-export.server";
import { readExportQuery } from "../services/accounting-export/export-query";
import { requireStaff } from "../staff-context.server";

/**
 * `/app/exports/<format>?from=YYYY-MM-DD&to=YYYY-MM-DD[&currency=USD][&xeroNoTaxRate=…]`: the accounting export of the
 * journal for the range, as a file download (CSV, or a zip when Xero's limits cut it into several files). Streamed.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const query = readExportQuery(params.format, new URL(request.url).searchParams);
  if (!query.ok) {
    return refusal(Object.values(query.errors).join("\n"));
  }
  const file = await accountingExport(deps.db, shop, query.request).catch((error: unknown) => {
    if (error instanceof MixedCurrencyExportError) return error;
    throw error;
  });
  if (file instanceof MixedCurrencyExportError) return refusal(file.message);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
};

function refusal(words: string): Response {
  return new Response(words, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
