const CALENDAR_DATE = /\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;

/**
 * A phrase or message from the engine ("on 2027-01-20", "would fall on 2026-12-31, before the order date
 * 2027-01-15") with each calendar date written the shop's way by `formatDate` ("Jan 20, 2027", "20.01.2027").
 */
export function withShopDates(text: string, formatDate: (date: string) => string): string {
  return text.replace(CALENDAR_DATE, (date) => formatDate(date));
}
