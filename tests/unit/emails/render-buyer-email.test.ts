import { describe, expect, it } from "vitest";
import type { BuyerDocument, MessageLocale } from "../../../app/domain/documents/buyer-document";
import { BUYER_EMAIL_KINDS } from "../../../app/domain/documents/buyer-email";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { formatMoney, messageLocaleOf } from "../../../app/locale/format";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { EMAIL_CASES, hrefsOf, PAYMENT_REQUEST_KINDS, renderCase, type EmailCase } from "./email-cases";

const money = (document: BuyerDocument, minor: bigint) => formatMoney(minor, document.contract.currency, document.locale.locale);

/** "Payment 2 of 3" as each language writes it, spelled out here rather than read from the app's messages. */
const PAYMENT_OF: Record<MessageLocale, (position: number, count: number) => string> = {
  en: (position, count) => `Payment ${position} of ${count}`,
  de: (position, count) => `Zahlung ${position} von ${count}`,
  fr: (position, count) => `Paiement ${position} sur ${count}`,
};

/** The "3" of "payment 2 of 3": the plan's stages, spelled out here; a late fee is not one of them. */
const planStageCount = (document: BuyerDocument) => document.contract.stages.filter((stage) => stage.kind !== "lateFee").length;
const isLateFee = (stage: EmailCase["stage"]) => stage?.kind === "lateFee";

function documentUrls(document: BuyerDocument): Set<string> {
  const { contract } = document;
  const stageUrls = contract.stages.flatMap((stage) => [stage.payUrl, stage.invoicePdfUrl]);
  return new Set([...stageUrls, contract.portalUrl, document.seller.branding.logo?.url].filter((url): url is string => Boolean(url)));
}

function showsPayButton({ email, stage }: EmailCase): boolean {
  return PAYMENT_REQUEST_KINDS.includes(email.kind) && stage !== null && stage.owedMinor > 0n && stage.payUrl !== null;
}

/** The figures an email must show, each formatted the way the buyer reads it. */
function expectedAmounts(emailCase: EmailCase): string[] {
  const { document, email, stage } = emailCase;
  const { contract } = document;
  const figures = [contract.totalMinor, contract.outstandingMinor, ...contract.stages.map((s) => s.amountMinor)];
  if (stage) figures.push(...stage.taxLines.map((tax) => tax.amountMinor));
  if (stage && PAYMENT_REQUEST_KINDS.includes(email.kind)) figures.push(stage.owedMinor);
  switch (email.kind) {
    case "paymentReceived":
    case "chargeReceipt":
    case "refundIssued":
      figures.push(email.amountMinor);
      break;
    case "scheduleChanged":
      figures.push(...email.changes.flatMap((change) => [change.before?.amountMinor, change.after?.amountMinor].filter((minor) => minor !== undefined)));
      break;
    case "contractCancelled":
      figures.push(email.settlement === "refund" ? email.refundMinor : contract.paidMinor);
      break;
  }
  return figures.map((minor) => money(document, minor));
}

describe("every kind of buyer email, for every fixture where it makes sense", () => {
  it("covers every kind and every fixture", () => {
    expect(new Set(EMAIL_CASES.map((emailCase) => emailCase.email.kind))).toEqual(new Set(BUYER_EMAIL_KINDS));
    expect(new Set(EMAIL_CASES.map((emailCase) => emailCase.fixture))).toEqual(new Set(Object.keys(BUYER_DOCUMENTS)));
  });

  it.each(EMAIL_CASES)("$name: links only to the document's own https URLs", async (emailCase) => {
    const { html } = await renderCase(emailCase);
    const allowed = documentUrls(emailCase.document);
    const hrefs = hrefsOf(html);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^https:\/\/\S+$/);
      expect(allowed).toContain(href);
    }
    expect(html).not.toMatch(/\s(href|src)="(undefined|null)?"/);
  });

  it.each(EMAIL_CASES)("$name: has the pay button exactly when the stage can be paid now", async (emailCase) => {
    const { html, text } = await renderCase(emailCase);
    const payUrl = emailCase.stage?.payUrl;
    const hasButton = payUrl ? hrefsOf(html).includes(payUrl) : false;
    expect(hasButton).toBe(showsPayButton(emailCase));
    if (showsPayButton(emailCase)) {
      expect(text).toContain(payUrl);
      if (messageLocaleOf(emailCase.document.locale.locale) === "en") {
        const { stage, document } = emailCase;
        const amount = money(document, stage!.owedMinor);
        const label = isLateFee(stage) ? `Pay the late fee — ${amount}` : `Pay payment ${stage!.position} of ${planStageCount(document)} — ${amount}`;
        expect(html).toContain(label);
        expect(text).toContain(label);
      }
    }
  });

  it.each(EMAIL_CASES)("$name: shows the document's figures in the HTML and the text", async (emailCase) => {
    const { html, text } = await renderCase(emailCase);
    for (const amount of expectedAmounts(emailCase)) {
      expect(html).toContain(amount);
      expect(text).toContain(amount);
    }
  });

  it.each(EMAIL_CASES.filter((emailCase) => emailCase.stage && !isLateFee(emailCase.stage)))(
    "$name: names the stage as its position of the plan's count, in subject and body",
    async (emailCase) => {
      const { subject, html, text } = await renderCase(emailCase);
      const { document, stage } = emailCase;
      const paymentOf = PAYMENT_OF[messageLocaleOf(document.locale.locale)](stage!.position, planStageCount(document));
      expect(html).toContain(paymentOf);
      expect(text).toContain(paymentOf);
      expect(subject.toLowerCase()).toContain(paymentOf.toLowerCase());
    },
  );

  it.each(EMAIL_CASES.filter((emailCase) => isLateFee(emailCase.stage)))("$name: names the late fee by its title, never by a number", async (emailCase) => {
    const { subject, html, text } = await renderCase(emailCase);
    const { document, stage } = emailCase;
    const numbered = PAYMENT_OF[messageLocaleOf(document.locale.locale)](stage!.position, planStageCount(document));
    expect(html).toContain(stage!.title);
    expect(text).toContain(stage!.title);
    for (const part of [subject, html, text]) expect(part.toLowerCase()).not.toContain(numbered.toLowerCase());
    expect(text).not.toContain(`${stage!.position}. ${stage!.title}`);
  });

  it.each(EMAIL_CASES.filter((emailCase) => emailCase.document.contract.stages.some((stage) => stage.kind === "lateFee")))(
    "$name: counts only the plan's stages, never the late fee",
    async (emailCase) => {
      const { subject, html, text } = await renderCase(emailCase);
      const { document } = emailCase;
      const paymentOf = PAYMENT_OF[messageLocaleOf(document.locale.locale)];
      for (const stage of document.contract.stages) {
        const countingTheFee = paymentOf(stage.position, document.contract.stages.length).toLowerCase();
        for (const part of [subject, html, text]) expect(part.toLowerCase()).not.toContain(countingTheFee);
      }
    },
  );

  it.each(EMAIL_CASES)("$name: the subject names the number the buyer knows (and what to pay)", async (emailCase) => {
    const { subject } = await renderCase(emailCase);
    const { document, email, stage } = emailCase;
    expect(subject).toContain(document.contract.orderName ?? document.contract.quoteName);
    if (stage && PAYMENT_REQUEST_KINDS.includes(email.kind)) expect(subject).toContain(money(document, stage.owedMinor));
    expect(subject).not.toMatch(/[\r\n]|\{[a-zA-Z]+\}/);
  });

  it.each(EMAIL_CASES)("$name: has a plain-text part with the portal link and no markup", async (emailCase) => {
    const { text } = await renderCase(emailCase);
    expect(text.trim().length).toBeGreaterThan(100);
    expect(text).toContain(emailCase.document.contract.portalUrl);
    expect(text).not.toMatch(/<\/(p|td|table)>|style="/);
  });

  it.each(EMAIL_CASES)("$name: declares its language, real headings, header cells and a logo with alt text", async (emailCase) => {
    const { html } = await renderCase(emailCase);
    expect(html).toMatch(/<html[^>]*\slang="[a-z]{2}(-[A-Z]{2})?"/);
    expect(html).toMatch(/<h1[\s>]/);
    expect(html).toMatch(/<th scope="col"/);
    const logo = /<img\b[^>]*>/.exec(html)?.[0] ?? "";
    expect(logo).toContain(`src="${emailCase.document.seller.branding.logo!.url}"`);
    expect(logo).toMatch(/\salt="[^"]+"/);
    expect(html).toContain("max-width:600px");
  });
});

describe("text the merchant or buyer typed", () => {
  const hostileCases = EMAIL_CASES.filter((emailCase) => emailCase.fixture === "hostileText");

  it.each(hostileCases)("$name: comes out escaped, never as markup or a script link", async (emailCase) => {
    const { html } = await renderCase(emailCase);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>bold");
    expect(html).not.toContain("<i>&amp;");
    // The footer's text stays, escaped; no tag anywhere carries a javascript: URL.
    for (const tag of html.match(/<[^>]+>/g) ?? []) expect(tag).not.toMatch(/javascript:/i);
    expect(html).toContain("&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;");
    expect(html).toContain("&quot;Evil&quot; &lt;x@y&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; O&#x27;Brien &amp; Sons");
    if (emailCase.stage) expect(html).toContain(`&lt;script&gt;alert(&quot;${emailCase.stage.position}&quot;)&lt;/script&gt; &amp; &quot;stage&quot;`);
  });

  it("a stored link that is not http(s) never becomes a link", async () => {
    const base = BUYER_DOCUMENTS.depositPaidStageDue!;
    const stages = base.contract.stages.map((stage) =>
      stage.position === 2 ? { ...stage, payUrl: "javascript:alert(1)", invoicePdfUrl: "data:text/html,x" } : stage,
    );
    const document: BuyerDocument = {
      ...base,
      contract: { ...base.contract, stages, portalUrl: "javascript:alert(2)" },
      seller: { ...base.seller, branding: { ...base.seller.branding, logo: { ...base.seller.branding.logo!, url: "javascript:alert(3)" } } },
    };
    const { html } = await renderBuyerEmail({ email: { kind: "stageInvoice", stagePosition: 2 }, document, text: { subject: null, intro: null } });
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(hrefsOf(html)).toEqual([]);
    expect(html).toContain("TR-000004");
  });

  it("a brand color that is not #rrggbb never reaches a style", async () => {
    const base = BUYER_DOCUMENTS.depositPaidStageDue!;
    const branding = { ...base.seller.branding, primaryColor: "red;background:url(https://evil.test/x)", accentColor: "expression(alert(1))" };
    const document: BuyerDocument = { ...base, seller: { ...base.seller, branding } };
    const { html } = await renderBuyerEmail({ email: { kind: "stageInvoice", stagePosition: 2 }, document, text: { subject: null, intro: null } });
    expect(html).not.toContain("evil.test");
    expect(html).not.toContain("expression(");
  });
});

describe("what the emails say", () => {
  const document = BUYER_DOCUMENTS.depositPaidStageDue!;
  const render = (email: Parameters<typeof renderBuyerEmail>[0]["email"], doc: BuyerDocument = document) =>
    renderBuyerEmail({ email, document: doc, text: { subject: null, intro: null } });

  it("an invoice's subject names the payment, the order, the amount and the due date", async () => {
    const { subject, html } = await render({ kind: "stageInvoice", stagePosition: 2 });
    expect(subject).toBe("Payment 2 of 3 for order #1002 — $11,384.70 due February 3, 2027");
    expect(html).toContain("Includes Texas State Tax");
    expect(html).toContain("TR-000004 (PDF)");
  });

  it("a stage waiting for an event is due when it happens", async () => {
    const { subject } = await render({ kind: "stageInvoice", stagePosition: 3 });
    expect(subject).toBe("Payment 3 of 3 for order #1002 — $4,553.87 due when shipping");
  });

  it("offers no pay button for a stage without a link or with nothing owed", async () => {
    const waiting = await render({ kind: "stageInvoice", stagePosition: 3 });
    expect(waiting.html).not.toContain("Pay payment");
    const paidWithLink = {
      ...document,
      contract: {
        ...document.contract,
        stages: document.contract.stages.map((stage) => (stage.position === 1 ? { ...stage, payUrl: "https://shop.test/invoices/stage-1" } : stage)),
      },
    };
    const paid = await render({ kind: "reminder", stagePosition: 1, when: "after" }, paidWithLink);
    expect(hrefsOf(paid.html)).not.toContain("https://shop.test/invoices/stage-1");
  });

  it("a quote not yet ordered is named by the quote's number", async () => {
    const quoted = { ...document, contract: { ...document.contract, orderName: null } };
    expect((await render({ kind: "stageInvoice", stagePosition: 2 }, quoted)).subject).toContain("order #D1");
  });

  it.each([
    ["before", "Reminder: payment 2 of 3 for order #1002 — $11,384.70 due February 3, 2027"],
    ["onDueDate", "Due today: payment 2 of 3 for order #1002 — $11,384.70"],
    ["after", "Still open: payment 2 of 3 for order #1002 — $11,384.70 was due February 3, 2027"],
  ] as const)("a reminder %s the due date says so", async (when, subject) => {
    expect((await render({ kind: "reminder", stagePosition: 2, when })).subject).toBe(subject);
  });

  it("an overdue email lists what is overdue and every stage's state", async () => {
    const { text } = await render({ kind: "overdue", stagePosition: 2 }, BUYER_DOCUMENTS.stageOverdue!);
    expect(text).toContain("What is overdue");
    expect(text).toContain("Payment 2 of 3 (Milestone payment): $11,384.70, due February 3, 2027");
    expect(text).toMatch(/1\. Deposit\s+\$6,830\.82\s+January 4, 2027\s+Paid/);
    expect(text).toMatch(/2\. Milestone payment\s+\$11,384\.70\s+February 3, 2027\s+Overdue/);
    expect(text).toMatch(/3\. Balance on shipping\s+\$4,553\.87\s+when shipping\s+Scheduled/);
  });

  it("a partly paid stage shows what was paid and what is left", async () => {
    const { text } = await render({ kind: "stageInvoice", stagePosition: 2 }, BUYER_DOCUMENTS.partlyPaid!);
    expect(text).toMatch(/Already paid\s+\$5,000\.00/);
    expect(text).toMatch(/Still to pay\s+\$6,384\.70/);
    expect(text).toContain("Partly paid, $6,384.70 to pay");
  });

  it("a payment received says how much, when, what is left and what comes next", async () => {
    const { subject, text } = await render({
      kind: "paymentReceived",
      stagePosition: 1,
      amountMinor: 6_830_82n,
      receivedOn: document.contract.stages[0]!.dueDate!,
    });
    expect(subject).toBe("Payment received: $6,830.82 for payment 1 of 3, order #1002");
    expect(text).toMatch(/Received\s+\$6,830\.82 on January 4, 2027/);
    expect(text).toMatch(/Still to pay in total\s+\$15,938\.57/);
    expect(text).toContain("Next: Payment 2 of 3 (Milestone payment), $11,384.70, due February 3, 2027.");
  });

  it("the last payment received says everything is paid", async () => {
    const { text } = await render(
      { kind: "paymentReceived", stagePosition: 3, amountMinor: 4_553_87n, receivedOn: document.locale.today },
      BUYER_DOCUMENTS.completed!,
    );
    expect(text).toContain("Everything is paid. Thank you!");
  });

  it("card charges: upcoming, receipt, and declined with and without a retry", async () => {
    const chargeOn = document.locale.today;
    expect((await render({ kind: "chargeUpcoming", stagePosition: 2, chargeOn })).text).toMatch(/Will be charged\s+\$11,384\.70 on January 20, 2027/);
    expect((await render({ kind: "chargeReceipt", stagePosition: 2, amountMinor: 11_384_70n, receivedOn: chargeOn })).text).toMatch(
      /Charged\s+\$11,384\.70 on January 20, 2027/,
    );
    expect((await render({ kind: "chargeDeclined", stagePosition: 2, retryOn: chargeOn })).text).toContain("We will try your card again on January 20, 2027.");
    expect((await render({ kind: "chargeDeclined", stagePosition: 2, retryOn: null })).text).toContain("We will not try your card again.");
  });

  it("a schedule change shows each stage before and after", async () => {
    const { text } = await render({
      kind: "scheduleChanged",
      changes: [
        {
          position: 3,
          title: "Balance",
          before: { amountMinor: 4_553_87n, dueDate: null, waitsFor: "shipping" },
          after: { amountMinor: 4_000_00n, dueDate: document.locale.today, waitsFor: null },
        },
        { position: 4, title: "Extra", before: null, after: { amountMinor: 553_87n, dueDate: null, waitsFor: "delivery" } },
      ],
    });
    expect(text).toMatch(/3\. Balance\s+\$4,553\.87, due when shipping\s+\$4,000\.00, due January 20, 2027/);
    expect(text).toMatch(/4\. Extra\s+New\s+\$553\.87, due when delivery/);
  });

  it.each([
    ["refund", 6_830_82n, "We are refunding $6,830.82 to you."],
    ["credit", 0n, "The $6,830.82 you paid is kept as credit with Oak & Iron Furniture."],
    ["kept", 0n, "The $6,830.82 you paid is kept, as agreed."],
  ] as const)("a cancellation with settlement %s says what happens to the money", async (settlement, refundMinor, sentence) => {
    const { subject, text } = await render({ kind: "contractCancelled", settlement, refundMinor });
    expect(subject).toBe("Order #1002 has been cancelled");
    expect(text).toContain(sentence);
  });

  it("a refund says how much, when, and what was paid after refunds", async () => {
    const { subject, text } = await render(
      { kind: "refundIssued", amountMinor: 6_830_82n, refundedOn: document.locale.today },
      BUYER_DOCUMENTS.cancelledRefunded!,
    );
    expect(subject).toBe("Refund of $6,830.82 for order #1002");
    expect(text).toMatch(/Refunded\s+\$6,830\.82 on January 20, 2027/);
    expect(text).toMatch(/Paid, after refunds\s+\$0\.00/);
  });

  it("refuses an email about a stage the contract does not have", async () => {
    await expect(render({ kind: "stageInvoice", stagePosition: 9 })).rejects.toThrow(/no stage 9/);
  });
});

describe("a late fee, charged as a stage of its own at position 1002", () => {
  const english = BUYER_DOCUMENTS.lateFeeCharged!;
  const german = BUYER_DOCUMENTS.lateFeeGerman!;
  const render = (email: Parameters<typeof renderBuyerEmail>[0]["email"], doc: BuyerDocument) =>
    renderBuyerEmail({ email, document: doc, text: { subject: null, intro: null } });
  /** The English fixture with payments 2 and 3 paid: the late fee is all that is left to pay. */
  const onlyTheFeeOwed: BuyerDocument = {
    ...english,
    contract: {
      ...english.contract,
      stages: english.contract.stages.map((stage) =>
        stage.kind === "lateFee" ? stage : { ...stage, state: "paid" as const, paidMinor: stage.amountMinor, owedMinor: 0n, payUrl: null },
      ),
    },
  };

  it("its invoice speaks of the fee, headed and named by its title, with its own pay button", async () => {
    const { subject, html, text } = await render({ kind: "stageInvoice", stagePosition: 1002 }, english);
    expect(subject).toBe("Late fee for order #1002 — $40.00 due February 24, 2027");
    expect(html).toMatch(/<h1[^>]*>Late fee on payment 2 of 3 \(Milestone payment\)<\/h1>/);
    expect(text).toContain("Late fee on payment 2 of 3 (Milestone payment): $40.00, due February 24, 2027. It is owed on top of the payments for order #1002.");
    expect(text).toContain("Pay the late fee — $40.00");
    expect(text).toMatch(/\n\s*Late fee on payment 2 of 3 \(Milestone payment\)\s+\$40\.00\s+February 24, 2027\s+Due/);
    expect(text).toMatch(/2\. Milestone payment\s+\$11,384\.70/);
    expect(text).not.toContain("1002. ");
  });

  it("an email about the overdue payment counts the plan's three stages, not the fee", async () => {
    const { subject, text } = await render({ kind: "overdue", stagePosition: 2 }, english);
    expect(subject).toBe("Overdue: payment 2 of 3 for order #1002 — $11,384.70 was due February 3, 2027");
    expect(text).toContain("Payment 2 of 3: Milestone payment");
    expect(text).toContain("Payment 2 of 3 (Milestone payment): $11,384.70, due February 3, 2027");
    expect(text).toContain("Pay payment 2 of 3 — $11,384.70");
    expect(text).not.toMatch(/ of 4\b/);
  });

  it.each([
    ["before", "Reminder: late fee for order #1002 — $40.00 due February 24, 2027"],
    ["onDueDate", "Due today: late fee for order #1002 — $40.00"],
    ["after", "Still open: late fee for order #1002 — $40.00 was due February 24, 2027"],
  ] as const)("a reminder %s its due date speaks of the fee", async (when, subject) => {
    expect((await render({ kind: "reminder", stagePosition: 1002, when }, english)).subject).toBe(subject);
  });

  it("a payment received on it names the fee; what comes next is named by the plan's count", async () => {
    const received = { kind: "paymentReceived" as const, stagePosition: 1002, amountMinor: 40_00n, receivedOn: english.locale.today };
    const { subject, text } = await render(received, english);
    expect(subject).toBe("Payment received: $40.00 for the late fee on order #1002");
    expect(text).toContain("Thank you! We received $40.00 for the late fee on order #1002 (Late fee on payment 2 of 3 (Milestone payment)).");
    expect(text).toContain("Next: Payment 2 of 3 (Milestone payment), $11,384.70, due February 3, 2027.");
  });

  it("when the fee is all that is owed, it is what comes next, by its title", async () => {
    const received = { kind: "paymentReceived" as const, stagePosition: 3, amountMinor: 4_553_87n, receivedOn: english.locale.today };
    const { subject, text } = await render(received, onlyTheFeeOwed);
    expect(subject).toBe("Payment received: $4,553.87 for payment 3 of 3, order #1002");
    expect(text).toContain("Next: Late fee on payment 2 of 3 (Milestone payment), $40.00, due February 24, 2027.");
  });

  it("German: the overdue fee by its title, in the subject, the overdue lines and the pay button", async () => {
    const { subject, html, text } = await render({ kind: "overdue", stagePosition: 1002 }, german);
    const title = "Verzugszinsen für Zahlung 2 von 3 (Zwischenzahlung), 2. Februar 2027 bis 11. Februar 2027";
    expect(subject).toBe("Überfällig: Verzugskosten für Bestellung #1002 — 4,44\u00a0€ (fällig: 25. Februar 2027)");
    expect(html).toContain(`>${title}</h1>`);
    expect(text).toContain(`Die Verzugskosten für Bestellung #1002 (${title}) sind überfällig (fällig: 25. Februar 2027).`);
    expect(text).toContain(`${title}: 4,44\u00a0€ (fällig: 25. Februar 2027)`);
    expect(text).toContain("Verzugskosten bezahlen — 4,44\u00a0€");
    expect(text).toMatch(/2\. Zwischenzahlung\s+2\.000,00\u00a0€/);
    expect(text).not.toMatch(/Zahlung 1002|von 4\b/);
  });

  it("German: a plan's payment beside the fee is payment 2 of 3", async () => {
    const received = { kind: "paymentReceived" as const, stagePosition: 2, amountMinor: 2_000_00n, receivedOn: german.locale.today };
    const { subject, text } = await render(received, german);
    expect(subject).toBe("Zahlung erhalten: 2.000,00\u00a0€ für Zahlung 2 von 3, Bestellung #1002");
    expect(text).toContain("Zahlung 2 von 3: Zwischenzahlung");
    expect(text).toContain("Als Nächstes: Zahlung 3 von 3 (Restzahlung), 1.000,00\u00a0€ (fällig: bei „Versand“).");
  });

  it("French: the fee's pay button and subject", async () => {
    const french: BuyerDocument = { ...english, locale: { ...english.locale, locale: "fr-FR" } };
    const { subject, text } = await render({ kind: "stageInvoice", stagePosition: 1002 }, french);
    expect(subject).toMatch(/^Frais de retard pour la commande #1002 — 40,00\u00a0\$US, échéance\u00a0: 24 février 2027$/);
    expect(text).toContain("Régler les frais de retard — 40,00\u00a0$US");
  });
});
