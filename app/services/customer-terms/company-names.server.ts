import { companyContracts, savedSubjectNames } from "../../models/customer-companies.server";
import { companyQuery } from "../../shopify/operations/company-query";
import type { CompanyQuery } from "../../types/admin.generated";
import type { ServiceDeps } from "../service-deps.server";

/** A company as its terms page names it, with the locations whose terms it edits. */
export interface NamedCompany {
  readonly id: string;
  readonly name: string;
  readonly locations: readonly { readonly id: string; readonly name: string }[];
  /** The currency of its newest contract here: a new limit is set in it. */
  readonly currency: string;
  /** False when Shopify could not be asked: names are the ones staff saved terms under, or the ids' numbers. */
  readonly fromShopify: boolean;
}

/** Shopify's company, or null when it is not there or Shopify cannot be asked (the page shows what the app knows). */
async function askShopify(deps: Pick<ServiceDeps, "adminFor">, shop: string, id: string): Promise<CompanyQuery["company"]> {
  try {
    return (await (await deps.adminFor(shop)).request(companyQuery, { id })).company;
  } catch {
    return null;
  }
}

const numberOf = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/**
 * The company (null when no contract here names it), with its name and its locations' from Shopify: the locations
 * Shopify lists and any other one a contract was placed for. The app stores only ids, so when Shopify cannot be
 * asked (no companies scope, an outage) the names come from saved terms, else "Company 9001" / "Location 9002".
 */
export async function namedCompany(deps: Pick<ServiceDeps, "db" | "adminFor">, shop: string, companyId: string): Promise<NamedCompany | null> {
  const contracts = await companyContracts(deps.db, shop, companyId);
  if (!contracts) return null;
  const fromShopify = await askShopify(deps, shop, companyId);
  const shopifyLocations = fromShopify?.locations.nodes ?? [];
  const listed = new Set(shopifyLocations.map((location) => location.id));
  const unlisted = contracts.locationIds.filter((id) => !listed.has(id));
  const saved = await savedSubjectNames(deps.db, shop, [companyId, ...unlisted]);
  return {
    id: companyId,
    name: fromShopify?.name ?? saved.get(companyId) ?? `Company ${numberOf(companyId)}`,
    locations: [
      ...shopifyLocations.map((location) => ({ id: location.id, name: location.name })),
      ...unlisted.map((id) => ({ id, name: saved.get(id) ?? `Location ${numberOf(id)}` })),
    ],
    currency: contracts.latestCurrency,
    fromShopify: fromShopify !== null,
  };
}

/** The names of the companies a customer buys for (Shopify's, else saved terms', else their numbers), for links. */
export async function companyNames(deps: Pick<ServiceDeps, "db" | "adminFor">, shop: string, companyIds: readonly string[]): Promise<Map<string, string>> {
  const saved = await savedSubjectNames(deps.db, shop, companyIds);
  const names = new Map<string, string>();
  for (const id of companyIds) {
    const company = await askShopify(deps, shop, id);
    names.set(id, company?.name ?? saved.get(id) ?? `Company ${numberOf(id)}`);
  }
  return names;
}
