import { describe, expect, it } from "vitest";

import { addDays, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan, type PlanConfigInput } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { buyerDocumentFor } from "../../../app/services/buyer-documents/buyer-document.server";
import { sendOutgoingEmail } from "../../../app/services/buyer-email/send-outgoing-email.server";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { editSchedule } from "../../../app/services/collection/schedule-edit.server";
import { contractPageData } from "../../../app/services/contract-page/contract-page.server";
import { renderInvoicePdf } from "../../../app/documents/invoice-pdf";
import { documentFormat } from "../../../app/documents/document-format";
import { paymentTermsWords, termsFormat } from "../../../app/locale/payment-terms-words";
import { recordingMailTransport, TEST_APP_URL, TEST_LINK_SECRET } from "../../support/buyer-mail";
import { useEmulatorServices } from "../../support/emulator-services";
import { oneSpaced, readPdf } from "../../support/pdf-text";

/**
 * A plan's paymentRules from attach to the buyer: the stage stores its early-payment offer and late-fee notice, and
 * the stage's invoice email, its invoice PDF and the contract page say them.
 */

const STAFF = "staff:payment-terms-test" as const;
const mail = recordingMailTransport();
const {
  shop: basic,
  database,
  emulator,
  deps,
  customer,
  createQuote,
  sync,
} = useEmulatorServices({
  allDemoShops: true,
  mail,
  syncHolder: "payment-terms-test",
});

/** Net 30 with nothing at checkout: the stage is invoiced on the order date, 2% off within 10 days, 25.00 after 5 days' grace. */
const NET_30_WITH_RULES: PlanConfigInput = {
  name: "Net 30, 2% 10 days, late fee",
  stages: [{ kind: "balance", title: "Net terms", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 }],
  paymentRules: { earlyPayment: { percent: "2", withinDays: 10 }, lateFee: { fixed: "25.00", graceDays: 5 } },
};

/** Two stages, the first at checkout: only the second gets terms. */
const DEPOSIT_WITH_INTEREST: PlanConfigInput = {
  name: "Deposit and net 30 with interest",
  stages: [
    { kind: "deposit", title: "Deposit", share: { percent: "30" }, due: "checkout" },
    { kind: "balance", title: "Balance", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 },
  ],
  paymentRules: { lateFee: { percentPerMonth: "1.5", graceDays: 0 } },
};

/** Half on net terms, half 7 days after staff mark the milestone: the second stage is offered nothing until it is dated. */
const MILESTONE_WITH_RULES: PlanConfigInput = {
  name: "Net and milestone with rules",
  stages: [
    { kind: "balance", title: "Net terms", share: { percent: "50" }, due: { after: "0d", from: "orderDate" }, netDays: 30 },
    { kind: "preShipping", title: "Before shipping", share: "remainder", due: { milestone: "Ready to ship" }, netDays: 7 },
  ],
  paymentRules: { earlyPayment: { percent: "2.5", withinDays: 5 }, lateFee: { percentPerMonth: "1", compound: true, graceDays: 3, max: "10.00" } },
};

async function attach(name: string, config: PlanConfigInput): Promise<StoredContract> {
  const plan = await createPlan(database.prisma, basic.domain, { name, config, actor: STAFF });
  return attachPlan(deps(), basic.domain, {
    draftOrderId: await createQuote({ customerId: customer(0).id, quantity: 2 }),
    planId: plan.id,
    mode: "stageOrder",
    actor: STAFF,
  });
}

describe("a plan's payment rules on the contract", () => {
  it("store each dated stage's offer and notice as the schedule made them, and reach the buyer's invoice email and PDF", async () => {
    const attached = await attach("net 30 with rules", NET_30_WITH_RULES);
    const [stage] = attached.stages;
    const issueDate = stage!.issueDate as CalendarDate;
    const dueDate = stage!.dueDate as CalendarDate;
    const payable = (stage!.amountMinor * 98n + 50n) / 100n;
    const taxDiscount =
      ((stage!.amountMinor - payable) * stage!.taxShares.reduce((sum, line) => sum + line.amount, 0n) * 2n + stage!.amountMinor) / (2n * stage!.amountMinor);
    expect(stage!.paymentTerms).toEqual({
      earlyPayment: {
        percent: "2",
        until: addDays(issueDate, 10),
        discount: stage!.amountMinor - payable,
        payable,
        taxReduction: expect.any(Array),
      },
      lateFee: { kind: "fixedFee", appliesFrom: addDays(dueDate, 6), fee: 25_00n },
    });
    expect(stage!.paymentTerms.earlyPayment!.taxReduction.reduce((sum, line) => sum + line.amount, 0n)).toBe(taxDiscount);
    // Read back from the database, not the value attach returned.
    expect((await getContract(database.prisma, basic.domain, attached.id))!.stages[0]!.paymentTerms).toEqual(stage!.paymentTerms);

    const invoiced = await sync(attached.id);
    const email = await database.prisma.outgoingEmail.findFirstOrThrow({ where: { contractId: attached.id, kind: "stageInvoice" } });
    const sender = { db: database.prisma, mail, now: () => emulator.store.clock.now(), appUrl: TEST_APP_URL, linkSecret: TEST_LINK_SECRET };
    expect(await sendOutgoingEmail(sender, email.id)).toBe("sent");
    const sent = mail.sent.at(-1)!;
    const sentences = paymentTermsWords(stage!.paymentTerms, termsFormat(invoiced.currency, invoiced.buyerLocale ?? "en"));
    expect(sentences).toHaveLength(2);
    for (const sentence of sentences) expect(oneSpaced(sent.text)).toContain(oneSpaced(sentence));

    const document = await buyerDocumentFor(database.prisma, basic.domain, attached.id, {
      appUrl: TEST_APP_URL,
      linkSecret: TEST_LINK_SECRET,
      now: emulator.store.clock.now(),
    });
    expect(document.contract.stages[0]!.invoiceNumber).not.toBeNull();
    const pdf = await readPdf(await renderInvoicePdf(document, 1));
    const format = documentFormat(document.locale.locale, document.contract.currency);
    for (const sentence of paymentTermsWords(stage!.paymentTerms, { locale: document.locale.locale, ...format })) {
      // A line may break after a word's hyphen ("early-" / "payment"): joined again, as a reader reads it.
      expect(pdf.pages.join(" ").replace(/-\s+/g, "-")).toContain(oneSpaced(sentence));
    }
  });

  it("give a stage paid at checkout none, and the later stage its interest notice, shown to staff on the contract page", async () => {
    const attached = await attach("deposit with interest", DEPOSIT_WITH_INTEREST);
    const [deposit, balance] = attached.stages;
    expect(deposit!.paymentTerms).toEqual({});
    expect(balance!.paymentTerms).toEqual({
      lateFee: {
        kind: "interest",
        appliesFrom: addDays(balance!.dueDate as CalendarDate, 1),
        percentPerMonth: "1.5",
        compound: false,
        onAmount: balance!.amountMinor,
        perMonth: (balance!.amountMinor * 15n + 500n) / 1000n,
      },
    });
    const stored = await database.prisma.stage.findFirstOrThrow({ where: { contractId: attached.id, position: 2 } });
    expect(JSON.parse(stored.paymentTerms!)).toMatchObject({ lateFee: { onAmount: String(balance!.amountMinor) } });

    const page = await contractPageData({ shop: basic.domain, deps: deps(), localMode: true }, attached.id);
    expect(page!.stages[0]!.terms).toEqual([]);
    expect(page!.stages[1]!.terms).toHaveLength(1);
    expect(page!.stages[1]!.terms[0]).toContain("Interest of 1.5% a month");
  });

  it("keep the rules on a stage waiting for its milestone and make its offer and notice when the milestone dates it", async () => {
    const attached = await attach("milestone with rules", MILESTONE_WITH_RULES);
    const waiting = attached.stages[1]!;
    expect(waiting.dueDate).toBeNull();
    expect(waiting.paymentTerms).toEqual({
      pending: {
        earlyPayment: { percent: "2.5", withinDays: 5 },
        lateFee: { kind: "interest", percentPerMonth: "1", compound: true, graceDays: 3, max: 10_00n },
      },
    });
    const page = await contractPageData({ shop: basic.domain, deps: deps(), localMode: true }, attached.id);
    expect(page!.stages[1]!.terms).toEqual([]);

    await sync(attached.id);
    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    const dated = (await sync(attached.id)).stages[1]!;
    expect(dated.dueDate).not.toBeNull();
    const payable = (dated.amountMinor * 975n + 500n) / 1000n;
    const onePercent = (dated.amountMinor + 50n) / 100n;
    expect(dated.paymentTerms).toEqual({
      earlyPayment: {
        percent: "2.5",
        until: addDays(dated.issueDate as CalendarDate, 5),
        discount: dated.amountMinor - payable,
        payable,
        taxReduction: expect.any(Array),
      },
      lateFee: {
        kind: "interest",
        appliesFrom: addDays(dated.dueDate as CalendarDate, 4),
        percentPerMonth: "1",
        compound: true,
        onAmount: dated.amountMinor,
        perMonth: onePercent < 10_00n ? onePercent : 10_00n,
        max: 10_00n,
      },
    });
  });

  it("make a revised stage's offer and notice afresh from the plan's rules, for its new amount and date", async () => {
    const attached = await attach("revised with rules", NET_30_WITH_RULES);
    const before = attached.stages[0]!;
    const newDue = addDays(before.dueDate as CalendarDate, 14);
    const revised = await editSchedule(deps(), basic.domain, {
      contractId: attached.id,
      change: { rows: [{ kind: "balance", title: "Net terms", amount: { kind: "remainder" }, due: { kind: "date", dueDate: newDue, netDays: 30 } }] },
      reason: "the buyer asked for two more weeks",
      actor: STAFF,
    });
    const stage = revised.stages[0]!;
    expect(stage.dueDate).toBe(newDue);
    expect(stage.paymentTerms.lateFee).toEqual({ kind: "fixedFee", appliesFrom: addDays(newDue, 6), fee: 25_00n });
    expect(stage.paymentTerms.earlyPayment).toMatchObject({
      until: addDays(stage.issueDate as CalendarDate, 10),
      payable: before.paymentTerms.earlyPayment!.payable,
    });
    expect(stage.paymentTerms.earlyPayment!.until).not.toBe(before.paymentTerms.earlyPayment!.until);
  });
});
