import { requireShop, type Database } from "./database.server";

/** A B2B company's Admin API id from the numeric part the admin's URLs carry (`/app/companies/9001`). */
export function companyGid(numericId: string): string | null {
  return /^[1-9]\d{0,19}$/.test(numericId) ? `gid://shopify/Company/${numericId}` : null;
}

/** The company's page in the admin, or null for an id that is not a company's. */
export function companyPageUrl(gid: string): string | null {
  const match = /^gid:\/\/shopify\/Company\/([1-9]\d{0,19})$/.exec(gid);
  return match ? `/app/companies/${match[1]}` : null;
}

/** What this shop's contracts say about a company: the locations they were placed for, and the newest one's currency. */
export interface CompanyContracts {
  readonly contracts: number;
  /** Location ids, the one with most contracts first. */
  readonly locationIds: readonly string[];
  /** The currency of the company's newest contract: a new limit is set in it. */
  readonly latestCurrency: string;
}

/** The company's contracts in this shop, summed up; null when it has none (the page knows companies from contracts). */
export async function companyContracts(db: Database, shop: string, companyId: string): Promise<CompanyContracts | null> {
  requireShop(shop);
  const [latest, locations] = await Promise.all([
    db.contract.findFirst({ where: { shop, companyId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { currency: true } }),
    db.contract.groupBy({ by: ["companyLocationId"], where: { shop, companyId }, _count: { _all: true } }),
  ]);
  if (!latest) return null;
  const located = locations
    .filter((row): row is typeof row & { companyLocationId: string } => row.companyLocationId !== null)
    .sort((a, b) => b._count._all - a._count._all || a.companyLocationId.localeCompare(b.companyLocationId));
  return {
    contracts: locations.reduce((sum, row) => sum + row._count._all, 0),
    locationIds: located.map((row) => row.companyLocationId),
    latestCurrency: latest.currency,
  };
}

/** The companies a customer has bought for (their contracts name them), ids only, at most `limit`. */
export async function customerCompanyIds(db: Database, shop: string, customerId: string, limit = 10): Promise<string[]> {
  requireShop(shop);
  const rows = await db.contract.findMany({
    where: { shop, customerId, companyId: { not: null } },
    distinct: ["companyId"],
    orderBy: { companyId: "asc" },
    select: { companyId: true },
    take: limit,
  });
  return rows.flatMap((row) => (row.companyId === null ? [] : [row.companyId]));
}

/** The names staff saved terms under (the attach page names a company and location as the draft did), by subject id. */
export async function savedSubjectNames(db: Database, shop: string, subjectIds: readonly string[]): Promise<Map<string, string>> {
  requireShop(shop);
  if (subjectIds.length === 0) return new Map();
  const rows = await db.customerTerms.findMany({
    where: { shop, subjectId: { in: [...subjectIds] }, subjectName: { not: null } },
    select: { subjectId: true, subjectName: true },
  });
  return new Map(rows.flatMap((row) => (row.subjectName === null ? [] : [[row.subjectId, row.subjectName] as const])));
}
