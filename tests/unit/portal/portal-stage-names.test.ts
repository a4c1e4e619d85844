import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { BuyerDocument } from "../../../app/domain/documents/buyer-document";
import { PortalPage } from "../../../app/portal/PortalPage";
import { portalContractOf, portalSellerOf, type PortalView } from "../../../app/services/buyer-portal/portal-view";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";

/** The portal's page for one buyer document, without a statement shown. */
function pageOf(document: BuyerDocument): string {
  const view: PortalView = {
    locale: document.locale.locale,
    seller: portalSellerOf(document.seller),
    contracts: [portalContractOf(document)],
    statement: {
      currencies: [document.contract.currency],
      form: { from: "2027-01-01", to: "2027-03-31", currency: document.contract.currency },
      issues: [],
      shown: null,
    },
  };
  return renderToStaticMarkup(createElement(PortalPage, { view }));
}

/** Each stage row's header cell, tags dropped. */
function rowHeaders(html: string): string[] {
  return [...html.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((match) =>
    match[1]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

describe("the portal's schedule with a late fee at position 1002", () => {
  it("numbers the plan's stages of the plan's count, the fee not at all", () => {
    const stages = portalContractOf(BUYER_DOCUMENTS.lateFeeCharged!).stages;
    expect(stages.map((stage) => stage.numbering)).toEqual([
      { lateFee: false, position: 1, count: 3 },
      { lateFee: false, position: 2, count: 3 },
      { lateFee: false, position: 3, count: 3 },
      { lateFee: true },
    ]);
  });

  it("English: payment 2 of 3, and the fee by its title in its row, its pay link and its invoice link", () => {
    const html = pageOf(BUYER_DOCUMENTS.lateFeeCharged!);
    expect(rowHeaders(html)).toEqual([
      "Payment 1 of 3 Deposit",
      "Payment 2 of 3 Milestone payment",
      "Payment 3 of 3 Balance on shipping",
      "Late fee on payment 2 of 3 (Milestone payment)",
    ]);
    expect(html).toContain('aria-label="Pay now: Late fee on payment 2 of 3 (Milestone payment)"');
    expect(html).toContain('aria-label="Invoice TR-000005 for Late fee on payment 2 of 3 (Milestone payment), PDF"');
    expect(html).toContain('aria-label="Pay now: Payment 2 of 3"');
    expect(html).not.toMatch(/Payment 1002| of 4\b/);
  });

  it("German: Zahlung 2 von 3, and the overdue interest by its title", () => {
    const html = pageOf(BUYER_DOCUMENTS.lateFeeGerman!);
    expect(rowHeaders(html)).toEqual([
      "Zahlung 1 von 3 Anzahlung",
      "Zahlung 2 von 3 Zwischenzahlung",
      "Zahlung 3 von 3 Restzahlung",
      "Verzugszinsen für Zahlung 2 von 3 (Zwischenzahlung), 2. Februar 2027 bis 11. Februar 2027",
    ]);
    expect(html).toContain('aria-label="Jetzt bezahlen: Verzugszinsen für Zahlung 2 von 3 (Zwischenzahlung), 2. Februar 2027 bis 11. Februar 2027"');
    expect(html).not.toMatch(/Zahlung 1002|von 4\b/);
  });
});
