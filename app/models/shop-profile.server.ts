import type { ShopFormat } from "../locale/format";
import { supportedLocale } from "../locale/format";
import { assertTimeZone } from "../domain/dates/calendar-date";
import type { ServiceDeps } from "../services/service-deps.server";
import { shopProfileQuery } from "../shopify/operations/shop-profile-query";
import { requireShop, type Database } from "./database.server";

/** Shopify's answer is kept a day: a shop's language, country or zone rarely changes, and every admin page needs them. */
const PROFILE_FRESH_MS = 86_400_000;

/** What a shop that Shopify has not answered for yet is shown in. */
const FALLBACK_FORMAT: ShopFormat = { locale: "en-US", timeZone: "UTC" };

/**
 * The locale and time zone the admin formats this shop's money, dates and times in: staff's choice in Settings,
 * else the shop's primary language in its billing country ("de" in DE → "de-DE"), in the shop's time zone. Read
 * from Shopify at most once a day; when Shopify does not answer, the last answer (or en-US, UTC) is used.
 */
export async function shopFormat(deps: Pick<ServiceDeps, "db" | "adminFor" | "now">, shop: string): Promise<ShopFormat> {
  requireShop(shop);
  const row = await deps.db.shopProfile.findUnique({ where: { shop } });
  if (row && deps.now().getTime() - row.refreshedAt.getTime() < PROFILE_FRESH_MS) return formatOf(row);
  const fromShopify = await readFromShopify(deps, shop).catch(() => null);
  if (!fromShopify) return row ? formatOf(row) : FALLBACK_FORMAT;
  const saved = await deps.db.shopProfile.upsert({
    where: { shop },
    create: { shop, ...fromShopify, refreshedAt: deps.now() },
    update: { ...fromShopify, refreshedAt: deps.now() },
  });
  return formatOf(saved);
}

/** Staff's own number and date format for the admin (null: follow the shop's language and country in Shopify). */
export async function chooseShopLocale(deps: Pick<ServiceDeps, "db" | "adminFor" | "now">, shop: string, locale: string | null): Promise<ShopFormat> {
  requireShop(shop);
  const current = await shopFormat(deps, shop);
  const chosenLocale = locale === null ? null : supportedLocale(locale);
  await deps.db.shopProfile.upsert({
    where: { shop },
    create: { shop, locale: current.locale, timeZone: current.timeZone, chosenLocale, refreshedAt: new Date(0) },
    update: { chosenLocale },
  });
  return shopFormat(deps, shop);
}

/** Staff's choice of locale (null: none), and the one Shopify's language and country give: Settings shows both. */
export async function shopLocaleChoice(db: Database, shop: string): Promise<{ readonly chosen: string | null; readonly fromShopify: string }> {
  requireShop(shop);
  const row = await db.shopProfile.findUnique({ where: { shop }, select: { chosenLocale: true, locale: true } });
  return { chosen: row?.chosenLocale ?? null, fromShopify: row?.locale ?? FALLBACK_FORMAT.locale };
}

function formatOf(row: { readonly locale: string; readonly timeZone: string; readonly chosenLocale: string | null }): ShopFormat {
  return { locale: row.chosenLocale ?? row.locale, timeZone: row.timeZone };
}

async function readFromShopify(deps: Pick<ServiceDeps, "adminFor">, shop: string): Promise<{ locale: string; timeZone: string }> {
  const answer = await (await deps.adminFor(shop)).request(shopProfileQuery);
  const timeZone = answer.shop.ianaTimezone;
  assertTimeZone(timeZone, "ianaTimezone");
  const language = answer.shopLocales.find((locale) => locale.primary)?.locale ?? "en";
  const country = answer.shop.billingAddress.countryCodeV2;
  return { locale: localeOf(language, country ?? null), timeZone };
}

/** "de" + "DE" → "de-DE"; a language that names its own region ("pt-BR") keeps it. */
function localeOf(language: string, country: string | null): string {
  const withRegion = language.includes("-") || !country ? language : `${language}-${country}`;
  return supportedLocale(withRegion);
}
