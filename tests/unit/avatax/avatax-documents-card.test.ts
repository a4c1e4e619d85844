import { AppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { AvaTaxDocumentsCard } from "../../../app/components/contract/AvaTaxDocumentsCard";
import { ShopFormatProvider } from "../../../app/components/shop-format-context";
import type { AvaTaxDocumentView } from "../../../app/services/avatax/avatax-contract-view.server";

const documents: AvaTaxDocumentView[] = [
  { code: "tranche-c1-1", type: "SalesInvoice", position: 1, status: "committed", tax: "57.48", splitTax: "57.48", currency: "EUR", lastError: null },
  {
    code: "tranche-c1-2",
    type: "SalesInvoice",
    position: 2,
    status: "pending",
    tax: null,
    splitTax: "95.80",
    currency: "EUR",
    lastError: "AvaTax refused the account id and license key (Authentication failed.): check them in Settings → AvaTax",
  },
  { code: "tranche-c1-1-rab12", type: "ReturnInvoice", position: 1, status: "committed", tax: "-15.97", splitTax: "-15.97", currency: "EUR", lastError: null },
];

describe("the contract page's AvaTax documents", () => {
  it("lists each document with its status, AvaTax's tax beside our split, and why one is pending, in the shop's format", () => {
    const html = renderToString(
      createElement(
        AppProvider,
        { i18n: polarisTranslations },
        createElement(ShopFormatProvider, {
          format: { locale: "de-DE", timeZone: "Europe/Berlin" },
          children: createElement(AvaTaxDocumentsCard, { documents }),
        }),
      ),
    );
    expect(html).toContain("Sales invoice tranche-c1-1");
    expect(html).toContain("Return invoice tranche-c1-1-rab12");
    expect(html).toContain("Committed");
    expect(html).toContain("Pending");
    expect(html).toMatch(/57,48\s€/);
    expect(html).toMatch(/-15,97\s€/);
    expect(html).toContain("check them in Settings → AvaTax");
  });
});
