import { ACCOUNT_KEYS, type AccountKey } from "../domain/books/journal-types";
import { accountChartOf, type AccountChart, type AccountMappingRow } from "../domain/books/accounts";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";

/** The merchant's rows, by account in the journal's order, then tax title. */
export async function readAccountMappings(db: Database, shop: string): Promise<AccountMappingRow[]> {
  requireShop(shop);
  const rows = await db.accountMapping.findMany({ where: { shop }, orderBy: [{ account: "asc" }, { taxTitle: "asc" }] });
  return rows
    .filter((row): row is typeof row & { account: AccountKey } => (ACCOUNT_KEYS as readonly string[]).includes(row.account))
    .map((row) => ({ account: row.account, taxTitle: row.taxTitle, code: row.code, name: row.name }))
    .sort((a, b) => ACCOUNT_KEYS.indexOf(a.account) - ACCOUNT_KEYS.indexOf(b.account));
}

/** The shop's chart: its rows over the defaults. */
export async function readAccountChart(db: Database, shop: string): Promise<AccountChart> {
  return accountChartOf(await readAccountMappings(db, shop));
}

/** Replaces the shop's mapping with `rows` (an account left out goes back to its default), audited as one change. */
export async function saveAccountMappings(db: Database, shop: string, rows: readonly AccountMappingRow[], actor: AuditActor): Promise<void> {
  requireShop(shop);
  await inTransaction(db, async (tx) => {
    await tx.accountMapping.deleteMany({ where: { shop } });
    if (rows.length > 0) await tx.accountMapping.createMany({ data: rows.map((row) => ({ shop, ...row })) });
    await writeAudit(tx, shop, { actor, action: "accountMapping.saved", details: { accounts: rows.map((row) => ({ ...row })) } });
  });
}

/** At most this many tax titles are offered their own account. */
const MAX_TAX_TITLES = 100;

/** The tax line titles on the shop's stages ("State tax", "VAT 20%"), each once, alphabetical. */
export async function taxTitlesOf(db: Database, shop: string): Promise<string[]> {
  requireShop(shop);
  const rows = await db.$queryRaw<{ title: string }[]>`
    SELECT DISTINCT share->>'title' AS title
    FROM "Stage" s
    JOIN "Contract" c ON c.id = s."contractId"
    CROSS JOIN LATERAL jsonb_array_elements(s."taxShares"::jsonb) AS share
    WHERE c.shop = ${shop} AND share->>'title' IS NOT NULL
    ORDER BY 1
    LIMIT ${MAX_TAX_TITLES}`;
  return rows.map((row) => row.title);
}
