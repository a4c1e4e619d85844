import { describe, expect, it } from "vitest";
import type { BuyerEmail, EmailTemplateText } from "../../../app/domain/documents/buyer-email";
import { BUYER_EMAIL_KINDS } from "../../../app/domain/documents/buyer-email";
import { emailContext, placeholderValues } from "../../../app/emails/email-context";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { defaultTemplateText, fillPlaceholders, placeholdersFor, TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from "../../../app/emails/template-text";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { EMAIL_CASES } from "./email-cases";

const document = BUYER_DOCUMENTS.depositPaidStageDue!;
const invoice: BuyerEmail = { kind: "stageInvoice", stagePosition: 2 };
const render = (text: EmailTemplateText, email: BuyerEmail = invoice) => renderBuyerEmail({ email, document, text });

describe("staff's own subject and intro", () => {
  it("replace the defaults, with every placeholder filled", async () => {
    const { subject, html, text } = await render({
      subject: "{shop}: {stage} ({position}/{count}) {amount} by {dueDate}, order {order}, {outstanding} left",
      intro: "Dear customer, {stage} is ready.\nThank you for shopping at {shop}.",
    });
    expect(subject).toBe("Oak & Iron Furniture: Milestone payment (2/3) $11,384.70 by February 3, 2027, order #1002, $15,938.57 left");
    expect(html).toContain("Dear customer, Milestone payment is ready.");
    expect(html).toContain("Thank you for shopping at Oak &amp; Iron Furniture.");
    expect(text).not.toContain("is ready: $11,384.70");
    expect(html).toContain("<title>Oak &amp; Iron Furniture: Milestone payment");
  });

  it("leave unknown placeholders as written, and the validator names them", async () => {
    const written = "Order {order} {oder} {Amount} {} {dueDate}";
    expect(unknownPlaceholders(written, "stageInvoice")).toEqual(["{oder}", "{Amount}", "{}"]);
    expect((await render({ subject: written, intro: null })).subject).toBe("Order #1002 {oder} {Amount} {} February 3, 2027");
  });

  it("cannot use a stage's placeholders in an email about the whole contract", async () => {
    expect(unknownPlaceholders("{stage} of {order}: {dueDate} {position}", "scheduleChanged")).toEqual(["{stage}", "{dueDate}", "{position}"]);
    const { subject } = await render({ subject: "{stage} changed for {order}, now {amount}", intro: null }, { kind: "scheduleChanged", changes: [] });
    expect(subject).toBe("{stage} changed for #1002, now $22,769.39");
  });

  it("are text: markup in them comes out escaped", async () => {
    const { html } = await render({ subject: null, intro: `<a href="javascript:alert(1)">pay</a> {stage}` });
    expect(html).toContain("&lt;a href=&quot;javascript:alert(1)&quot;&gt;pay&lt;/a&gt; Milestone payment");
    for (const tag of html.match(/<[^>]+>/g) ?? []) expect(tag).not.toMatch(/javascript:/i);
  });

  it("fall back to the defaults when blank, and keep the subject on one line", async () => {
    expect((await render({ subject: "  ", intro: "" })).subject).toBe((await render({ subject: null, intro: null })).subject);
    expect((await render({ subject: "Payment {position}\r\nBcc: x@evil.test", intro: null })).subject).toBe("Payment 2 Bcc: x@evil.test");
  });

  it("take a value with a dollar sign as it is", () => {
    expect(fillPlaceholders("{amount} {amount}", { amount: "$1.00 $&" })).toBe("$1.00 $& $1.00 $&");
  });
});

describe("the default texts", () => {
  it.each(BUYER_EMAIL_KINDS.flatMap((kind) => ["en", "de", "fr"].map((locale) => [kind, locale] as const)))(
    "%s in %s uses only the placeholders its email fills",
    (kind, locale) => {
      for (const when of ["before", "onDueDate", "after"] as const) {
        const { subject, intro } = defaultTemplateText(kind, locale, when);
        expect(subject).toMatch(/\{order\}/);
        expect(unknownPlaceholders(subject, kind)).toEqual([]);
        expect(unknownPlaceholders(intro, kind)).toEqual([]);
      }
    },
  );

  it.each(EMAIL_CASES)("$name: fills exactly the placeholders the validator allows", ({ document, email }) => {
    expect(Object.keys(placeholderValues(emailContext(document), email)).sort()).toEqual([...placeholdersFor(email.kind)].sort());
  });

  it("lists every placeholder once", () => {
    expect(TEMPLATE_PLACEHOLDERS).toEqual(["shop", "order", "stage", "position", "count", "amount", "dueDate", "outstanding"]);
  });
});
