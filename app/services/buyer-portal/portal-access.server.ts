import { supportedLocale } from "../../locale/format";
import { preferredLanguage } from "../../locale/accept-language";
import { CONTRACT_PAGE_SIZE, getContract, listContracts, type StoredContract } from "../../models/contracts.server";
import type { Database } from "../../models/database.server";
import { getShopBranding, type ShopBranding } from "../../models/shop-branding.server";
import { InvalidBuyerLinkError, verifyBuyerLink, type BuyerLinkScope } from "../buyer/signed-links.server";

/** What a portal request runs with: where links point, what signs them, "now", and the visitor's languages. */
export interface PortalEnvironment {
  readonly appUrl: string;
  readonly linkSecret: string;
  readonly now: Date;
  /** The browser's Accept-Language: the language when the contract names none. */
  readonly acceptLanguage: string | null;
}

/** A link we did not sign, one that was altered, or one whose contract is gone or now someone else's. */
export class PortalLinkNotFoundError extends Error {
  override readonly name = "PortalLinkNotFoundError";
}

/** What a valid link opens: its own contract, and how the buyer's pages look and speak. */
export interface LinkAccess {
  readonly token: string;
  readonly scope: BuyerLinkScope;
  /** The contract the link was made for. */
  readonly linked: StoredContract;
  readonly branding: ShopBranding;
  /** The buyer's locale: the linked contract's, else the browser's, else English. */
  readonly locale: string;
}

/** What the portal's pages show for a link: the contracts it opens too. */
export interface PortalAccess extends LinkAccess {
  /** Every contract the link opens, newest first: the customer's in the shop, or the guest's one. */
  readonly contracts: readonly StoredContract[];
}

/** The link's own contract (an invoice link carries its contract's own token). */
export async function openLink(db: Database, token: string, environment: PortalEnvironment): Promise<LinkAccess> {
  const scope = scopeOf(token, environment.linkSecret);
  const linked = await linkedContract(db, scope);
  return {
    token,
    scope,
    linked,
    branding: await getShopBranding(db, scope.shop),
    locale: supportedLocale(linked.buyerLocale ?? preferredLanguage(environment.acceptLanguage)),
  };
}

export async function openPortalLink(db: Database, token: string, environment: PortalEnvironment): Promise<PortalAccess> {
  const access = await openLink(db, token, environment);
  const { shop, customerId } = access.scope;
  return { ...access, contracts: customerId === null ? [access.linked] : await customerContracts(db, shop, customerId) };
}

function scopeOf(token: string, secret: string): BuyerLinkScope {
  try {
    return verifyBuyerLink(token, secret);
  } catch (error) {
    if (error instanceof InvalidBuyerLinkError) throw new PortalLinkNotFoundError(error.message);
    throw error;
  }
}

/**
 * The contract a link names. A customer's link opens it only while it is still that customer's (staff may have moved
 * it to another); a guest's link is its only key.
 */
async function linkedContract(db: Database, scope: BuyerLinkScope): Promise<StoredContract> {
  const contract = await getContract(db, scope.shop, scope.contractId);
  if (!contract) throw new PortalLinkNotFoundError(`the link's contract ${scope.contractId} does not exist`);
  if (scope.customerId !== null && contract.customerId !== scope.customerId) {
    throw new PortalLinkNotFoundError(`contract ${scope.contractId} is no longer the link's customer's`);
  }
  return contract;
}

async function customerContracts(db: Database, shop: string, customerId: string): Promise<StoredContract[]> {
  const contracts: StoredContract[] = [];
  for (let offset = 0; ; offset += CONTRACT_PAGE_SIZE) {
    const page = await listContracts(db, shop, { customerId }, { limit: CONTRACT_PAGE_SIZE, offset });
    contracts.push(...page);
    if (page.length < CONTRACT_PAGE_SIZE) return contracts;
  }
}
