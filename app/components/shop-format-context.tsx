import { createContext, useContext, useMemo, type ReactNode } from "react";

import { formatAmount, formatAmountForInput, formatCount, formatDateTime, formatShortDate, type ShopFormat } from "../locale/format";

const ShopFormatContext = createContext<ShopFormat>({ locale: "en-US", timeZone: "UTC" });

/** Every admin page formats in the shop's locale and zone: app.tsx reads them once and provides them here. */
export function ShopFormatProvider({ format, children }: { readonly format: ShopFormat; readonly children: ReactNode }) {
  return <ShopFormatContext.Provider value={format}>{children}</ShopFormatContext.Provider>;
}

export interface ShopFormatters {
  readonly format: ShopFormat;
  /** "12000.5" USD → "$12,000.50" (en-US), "12.000,50 $" (de-DE). */
  money(amount: string, currency: string): string;
  /** An amount as a field shows it for editing: "12,000.50", "12.000,50". */
  amountInput(amount: string, currency: string): string;
  /** A shop calendar day: "Dec 3, 2026", "03.12.2026". */
  date(date: string): string;
  /** An instant on the shop's clock: "Dec 3, 2026, 4:15 PM". */
  dateTime(instant: string): string;
  count(count: number): string;
}

export function useShopFormat(): ShopFormatters {
  const format = useContext(ShopFormatContext);
  return useMemo(
    () => ({
      format,
      money: (amount, currency) => formatAmount(amount, currency, format.locale),
      amountInput: (amount, currency) => formatAmountForInput(amount, currency, format.locale),
      date: (date) => formatShortDate(date, format.locale),
      dateTime: (instant) => formatDateTime(instant, format.locale, format.timeZone),
      count: (count) => formatCount(count, format.locale),
    }),
    [format],
  );
}
