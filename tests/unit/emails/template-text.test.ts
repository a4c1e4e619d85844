import { describe, expect, it } from "vitest";
import type { BuyerEmail, EmailTemplateText } from "../../../app/domain/documents/buyer-email";
import { BUYER_EMAIL_KINDS } from "../../../app/domain/documents/buyer-email";
import { emailContext, placeholderValues } from "../../../app/emails/email-context";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { messagesFor } from "../../../app/emails/messages";
import {
  defaultTemplateText,
  fillPlaceholders,
  lateFeeTextOf,
  placeholdersFor,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from "../../../app/emails/template-text";
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

  it("are for the plan's payments: an email about a late fee is written with the fee's own text", async () => {
    const own = { subject: "Installment {position} of {count}, order {order}", intro: "Your installment {position} of {count} ({stage}) is ready." };
    const fee = await renderBuyerEmail({ email: { kind: "stageInvoice", stagePosition: 1002 }, document: BUYER_DOCUMENTS.lateFeeCharged!, text: own });
    expect(fee.subject).toBe("Late fee for order #1002 — $40.00 due February 24, 2027");
    expect(fee.html).not.toContain("Installment");
    const plan = await renderBuyerEmail({ email: { kind: "stageInvoice", stagePosition: 2 }, document: BUYER_DOCUMENTS.lateFeeCharged!, text: own });
    expect(plan.subject).toBe("Installment 2 of 3, order #1002");
    expect(plan.html).toContain("Your installment 2 of 3 (Milestone payment) is ready.");
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

  it.each(EMAIL_CASES)("$name: fills exactly the placeholders the validator allows (a late fee has no position)", ({ document, email }) => {
    const aboutLateFee = "stagePosition" in email && document.contract.stages.find((stage) => stage.position === email.stagePosition)?.kind === "lateFee";
    const allowed = placeholdersFor(email.kind).filter((name) => !(aboutLateFee && name === "position"));
    expect(Object.keys(placeholderValues(emailContext(document), email)).sort()).toEqual([...allowed].sort());
  });

  it.each(
    (["en", "de", "fr"] as const).flatMap((locale) =>
      BUYER_EMAIL_KINDS.filter((kind) => placeholdersFor(kind).includes("stage")).flatMap((kind) =>
        (["before", "onDueDate", "after"] as const).map((when) => [locale, kind, when] as const),
      ),
    ),
  )("a late fee's %s text for %s (%s) names the fee by {stage}, never a payment's {position} or {count}", (locale, kind, when) => {
    const email = (kind === "reminder" ? { kind, stagePosition: 1002, when } : { kind, stagePosition: 1002 }) as Extract<BuyerEmail, { stagePosition: number }>;
    const { subject, intro } = lateFeeTextOf(messagesFor(locale), email);
    expect(subject).toMatch(/\{order\}/);
    expect(intro).toMatch(/\{stage\}/);
    for (const text of [subject, intro]) {
      expect(unknownPlaceholders(text, kind)).toEqual([]);
      expect(text).not.toMatch(/\{(position|count)\}/);
    }
  });

  it("lists every placeholder once", () => {
    expect(TEMPLATE_PLACEHOLDERS).toEqual(["shop", "order", "stage", "position", "count", "amount", "dueDate", "outstanding"]);
  });
});
