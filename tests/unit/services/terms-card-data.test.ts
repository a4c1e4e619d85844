import { describe, expect, it } from "vitest";

import { customerTermsCardData } from "../../../app/services/customer-terms/terms-card-data";

describe("a subject's terms as the customer page's card edits them", () => {
  it("gives the limit in major units of its currency, as JSON can carry it", () => {
    expect(
      customerTermsCardData({
        subjectName: "Acme",
        fields: { defaultPlanId: "p1", depositPercent: "12.5", netDays: 30, paymentDays: [5, 20], creditLimit: { minor: 123_456n, currency: "JPY" } },
        mirrored: false,
        mirrorError: "Shopify did not store the terms on the company: Owner does not exist.",
      }),
    ).toEqual({
      subjectName: "Acme",
      defaultPlanId: "p1",
      depositPercent: "12.5",
      netDays: 30,
      paymentDays: [5, 20],
      creditLimit: { amount: "123456", currency: "JPY" },
      mirrored: false,
      mirrorError: "Shopify did not store the terms on the company: Owner does not exist.",
    });
  });

  it("shows a subject with no saved terms as empty and nothing to mirror", () => {
    expect(customerTermsCardData(null)).toEqual({
      subjectName: null,
      defaultPlanId: null,
      depositPercent: null,
      netDays: null,
      paymentDays: null,
      creditLimit: null,
      mirrored: true,
      mirrorError: null,
    });
  });
});
