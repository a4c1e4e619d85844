import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { contractFilterOf, contractOrderOf, readContractListQuery } from "../components/contracts/contract-list-query";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { shopFormat } from "../models/shop-profile.server";
import { contractsCsv } from "../services/contract-export/contracts-csv.server";
import { requireStaff } from "../staff-context.server";

// Ids ticked on the list: a page's worth, with room for a longer page.
const idsInput = z.array(z.string().min(1).max(100)).max(1_000);

/**
 * `/app/contracts/export.csv`: the contracts list as CSV, one row per contract (`rows=contracts`, the default) or
 * per stage (`rows=stages`). With `ids`, the contracts staff ticked; without, every contract matching the list's
 * filters (`status`, `due`, `attention`, `customer`), in its sort. The `[.]` keeps the dot in the URL.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const search = new URL(request.url).searchParams;
  const ids = idsInput.safeParse(search.getAll("ids"));
  if (!ids.success) return plainText(400, "Too many contracts were picked for one export: export every contract of the list instead.");
  const query = readContractListQuery(search);
  const format = await shopFormat(deps, shop);
  const today = calendarDateAt(deps.now(), format.timeZone);
  const shape = search.get("rows") === "stages" ? "stages" : "contracts";
  const csv = await contractsCsv(deps.db, shop, {
    filter: ids.data.length > 0 ? { ids: ids.data } : contractFilterOf(query, today),
    order: contractOrderOf(query),
    shape,
    today,
    timeZone: format.timeZone,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${shape === "stages" ? "contract-stages" : "contracts"}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
};

function plainText(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
