import { tzOffset } from "@date-fns/tz";
import { roundMoney } from "../../commerce/money";

/**
 * How Shopify's REST-style webhook payloads write values: money as a decimal string with the currency's
 * digits ("414.95", "0.00"), money pairs as `*_set` objects, instants in the shop's time zone with its offset
 * ("2021-12-31T19:00:00-05:00"), enums in lower case.
 */

/** `{ shop_money, presentment_money }`: one currency per shop in the emulator, so both are the same. */
export function priceSet(amount: string, currencyCode: string) {
  const money = { amount: roundMoney(amount, currencyCode), currency_code: currencyCode };
  return { shop_money: money, presentment_money: { ...money } };
}

/** Transactions write their sets with `currency` instead of `currency_code`. */
export function transactionMoneySet(amount: string, currencyCode: string) {
  const money = { amount: roundMoney(amount, currencyCode), currency: currencyCode };
  return { shop_money: money, presentment_money: { ...money } };
}

const pad = (value: number) => String(value).padStart(2, "0");

/** An ISO instant in the shop's time zone, to the second, with the zone's offset. */
export function shopTime(instant: string, ianaTimezone: string): string;
export function shopTime(instant: string | undefined, ianaTimezone: string): string | null;
export function shopTime(instant: string | undefined, ianaTimezone: string): string | null {
  if (instant === undefined) return null;
  const date = new Date(instant);
  const offsetMinutes = tzOffset(ianaTimezone, date);
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** GraphQL enum values (`PARTIALLY_PAID`, `SALE`) as REST writes them (`partially_paid`, `sale`). */
export function restEnum(value: string): string {
  return value.toLowerCase();
}

/** A decimal-fraction rate ("0.0725") as the JSON number REST payloads use for tax rates. */
export function rateNumber(rate: string): number {
  return Number(rate);
}
