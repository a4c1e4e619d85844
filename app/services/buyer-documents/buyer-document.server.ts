import { buyerContractOf } from "../../domain/documents/buyer-contract";
import type { Branding, BuyerDocument } from "../../domain/documents/buyer-document";
import { calendarDateAt } from "../../domain/dates/calendar-date";
import { supportedLocale } from "../../locale/format";
import { triggerWords } from "../../locale/trigger-words";
import { getContract, type StoredContract } from "../../models/contracts.server";
import type { Database } from "../../models/database.server";
import { NotFoundError } from "../../models/model-errors.server";
import { getShopBranding, type ShopBranding } from "../../models/shop-branding.server";
import { buyerPortalUrl, invoicePdfUrl, signBuyerLink } from "../buyer/signed-links.server";

export interface BuyerDocumentOptions {
  /** The app's public URL, under which the buyer's links point. */
  readonly appUrl: string;
  /** The secret the buyer's links are signed with. */
  readonly linkSecret: string;
  readonly now: Date;
  /** The buyer's locale when the caller knows better than the contract (a portal visitor's browser). */
  readonly locale?: string;
}

/** The contract as its buyer sees it, read from the database: the source of every email, PDF and portal page. */
export async function buyerDocumentFor(db: Database, shop: string, contractId: string, options: BuyerDocumentOptions): Promise<BuyerDocument> {
  const contract = await getContract(db, shop, contractId);
  if (!contract) throw new NotFoundError("contract", contractId);
  return buyerDocumentOf(contract, await getShopBranding(db, shop), options);
}

export function buyerDocumentOf(contract: StoredContract, branding: ShopBranding, options: BuyerDocumentOptions): BuyerDocument {
  const locale = supportedLocale(options.locale ?? contract.buyerLocale);
  const today = calendarDateAt(options.now, contract.timeZone);
  const token = signBuyerLink({ shop: contract.shop, contractId: contract.id, customerId: contract.customerId }, options.linkSecret);
  const sellerName = sellerNameOf(contract.shop, branding);
  const buyerContract = buyerContractOf(
    {
      id: contract.id,
      quoteName: contract.sourceDraftName,
      orderName: contract.mainOrderName,
      currency: contract.currency,
      status: contract.status,
      totalMinor: contract.totalMinor,
      taxLines: contract.orderSnapshot.taxLines.map((line) => ({ title: line.title, amountMinor: line.amount })),
      stages: contract.stages.map((stage) => ({
        position: stage.position,
        kind: stage.kind,
        title: stage.title,
        amountMinor: stage.amountMinor,
        paidMinor: stage.paidMinor,
        discountMinor: stage.discountMinor,
        refundedMinor: stage.refundedMinor,
        taxLines: stage.taxShares.map((share) => ({ title: share.title, amountMinor: share.amount })),
        status: stage.status,
        dueDate: stage.dueDate,
        waitsFor: stage.dueRule.trigger ? triggerWords(stage.dueRule.trigger.trigger, locale) : null,
        invoiceNumber: stage.invoiceNumber,
        payUrl: stage.payUrl,
        paymentTerms: stage.paymentTerms,
      })),
    },
    today,
    { portalUrl: buyerPortalUrl(options.appUrl, token), invoicePdfUrl: (position) => invoicePdfUrl(options.appUrl, token, position) },
  );
  return {
    seller: {
      name: sellerName,
      email: branding.sellerEmail,
      address: branding.sellerAddress,
      branding: brandingOf(branding, sellerName, contract.shop, options.appUrl),
    },
    buyer: { name: contract.customerName, email: contract.customerEmail, address: [] },
    contract: buyerContract,
    locale: { locale, timeZone: contract.timeZone, today },
  };
}

function brandingOf(branding: ShopBranding, sellerName: string, shop: string, appUrl: string): Branding {
  return {
    senderName: sellerName,
    primaryColor: branding.primaryColor,
    accentColor: branding.accentColor,
    footer: branding.footer ?? sellerName,
    logo: branding.logo
      ? {
          // The version changes with the logo, so mail clients and proxies that cached the old one fetch the new.
          url: new URL(`/brand/${encodeURIComponent(shop)}/logo?v=${branding.logo.version}`, appUrl).toString(),
          data: branding.logo.data,
          contentType: branding.logo.contentType,
        }
      : null,
  };
}

/** The seller's name on everything the buyer receives; a shop with none set is called by its handle ("oak-and-iron"). */
export function sellerNameOf(shop: string, branding: Pick<ShopBranding, "sellerName">): string {
  return branding.sellerName ?? shop.replace(/\.myshopify\.com$/, "");
}
