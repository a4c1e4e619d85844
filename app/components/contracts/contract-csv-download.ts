import { useState } from "react";

import type { ContractExportShape } from "../../services/contract-export/contracts-csv.server";
import { contractListSearch, type ContractListQuery } from "./contract-list-query";

/** Which contracts a bulk action is for: those staff ticked, or every one the list's filters match. */
export type ContractSelection = { readonly scope: "selected"; readonly ids: readonly string[] } | { readonly scope: "matching" };

/** The CSV export's address for the list's filters and sort, and the selection. */
export function contractCsvUrl(query: ContractListQuery, selection: ContractSelection, shape: ContractExportShape): string {
  const search = contractListSearch({ ...query, page: 1 });
  search.set("rows", shape);
  if (selection.scope === "selected") for (const id of selection.ids) search.append("ids", id);
  return `/app/contracts/export.csv?${search}`;
}

/**
 * Downloads an export through fetch rather than a link: inside Shopify's admin, App Bridge adds the session token to
 * the app's own fetch requests, which a plain link to a file would lack.
 */
export function useCsvDownload() {
  const [state, setState] = useState<"idle" | "downloading" | "failed">("idle");
  const download = async (url: string) => {
    setState("downloading");
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the export answered ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "contracts.csv";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return { download, downloading: state === "downloading", failed: state === "failed", dismiss: () => setState("idle") };
}
