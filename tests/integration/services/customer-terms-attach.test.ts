import { beforeAll, describe, expect, it, vi } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits, toMinorUnits } from "../../../app/domain/money/minor-units";
import { formatMoney } from "../../../app/locale/format";
import { listAudit } from "../../../app/models/audit-log.server";
import { customerExposure } from "../../../app/models/customer-exposure.server";
import { getCustomerTerms } from "../../../app/models/customer-terms.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { action as attachAction } from "../../../app/routes/api.attach";
import { attachOptions, attachPreviewView } from "../../../app/services/attach/attach-flow.server";
import { AttachPlanError } from "../../../app/services/attach/attach-plan-error";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { CreditLimitError } from "../../../app/services/attach/attach-terms.server";
import { retryUnmirroredTerms } from "../../../app/services/customer-terms/mirror-customer-terms.server";
import { saveCustomerTermsAction } from "../../../app/services/customer-terms/save-customer-terms.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { useEmulatorServices } from "../../support/emulator-services";

/** Customer terms (issue 14) against the emulated Shopify: saving and mirroring them, and the attach's credit check. */

const STAFF = "staff:terms-test" as const;
const {
  shop,
  database,
  emulator,
  deps,
  admin,
  shopState: state,
  customer: customerAt,
  shippingVariant,
  createQuote,
} = useEmulatorServices({
  offlineSessions: true,
});
const customer = () => customerAt(1);

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({ shop: shop.domain, actor: STAFF, deps: deps(), localMode: false, cors: (response) => response }),
}));

let plan: StoredPlan;
let otherPlan: StoredPlan;

beforeAll(async () => {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-balance-before-shipping")!;
  otherPlan = await createPlan(database.prisma, shop.domain, { name: "A first by name", config: preset.config, actor: STAFF });
  plan = await createPlan(database.prisma, shop.domain, { name: "Deposit and balance", config: preset.config, actor: STAFF });
});

const subject = () => ({ kind: "customer", customerId: customer().id }) as const;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const usd = (minor: bigint) => formatMoney(minor, "USD", "en-US");
const trancheMetafields = (ownerId: string) =>
  Object.fromEntries(
    state()
      .metafields.filter((metafield) => metafield.ownerId === ownerId && metafield.namespace === "tranche")
      .map((metafield) => [metafield.key, metafield.value]),
  );

describe("saving a customer's terms", () => {
  it("refuses what staff typed wrong, field by field, and saves nothing", async () => {
    const result = await saveCustomerTermsAction(
      deps(),
      shop.domain,
      subject(),
      form({ depositPercent: "150", netDays: "soon", creditLimit: "ten", creditLimitCurrency: "USD" }),
      STAFF,
    );
    expect(result).toMatchObject({ ok: false, message: "Terms not saved: correct the fields marked." });
    expect(result.fieldErrors).toEqual({ netDays: "Type a whole number of days, like 30, or leave it empty" });
    const amounts = await saveCustomerTermsAction(
      deps(),
      shop.domain,
      subject(),
      form({ depositPercent: "150", creditLimit: "ten", creditLimitCurrency: "USD" }),
      STAFF,
    );
    expect(amounts.fieldErrors).toEqual({ depositPercent: "Type a deposit above 0% and below 100%, like 25" });
    const limit = await saveCustomerTermsAction(deps(), shop.domain, subject(), form({ creditLimit: "ten", creditLimitCurrency: "USD" }), STAFF);
    expect(limit.fieldErrors.creditLimit).toMatch(/^“ten” is not an amount/);
    expect(await getCustomerTerms(database.prisma, shop.domain, subject())).toBeNull();
  });

  it.each([
    ["words", "soon", "Type the days of the month they pay on, like 5, 20, or leave it empty"],
    ["a day past 31", "5, 40", "Type days of the month from 1 to 31, like 5, 20 (31: the month's last day)"],
    ["day 0", "0", "Type days of the month from 1 to 31, like 5, 20 (31: the month's last day)"],
    ["five days", "1, 8, 15, 22, 29", "Type at most 4 days of the month"],
  ])("refuses payment days of %s, saying how to type them, and saves nothing", async (_, typed, message) => {
    const result = await saveCustomerTermsAction(deps(), shop.domain, subject(), form({ netDays: "30", paymentDays: typed }), STAFF);
    expect(result).toMatchObject({ ok: false, fieldErrors: { paymentDays: message } });
    expect(await getCustomerTerms(database.prisma, shop.domain, subject())).toBeNull();
  });

  it("saves the terms (audited) and mirrors them to the customer's metafields; removing the limit deletes its metafield", async () => {
    const saved = await saveCustomerTermsAction(
      deps(),
      shop.domain,
      subject(),
      form({
        defaultPlanId: plan.id,
        depositPercent: "20",
        netDays: "45",
        paymentDays: "20, 5",
        creditLimit: "1,000,000.00",
        creditLimitCurrency: "USD",
        subjectName: "Lone Star",
      }),
      STAFF,
    );
    expect(saved).toMatchObject({ ok: true, message: "Terms saved.", fieldErrors: {} });
    // Typed in any order, kept ascending.
    expect(saved.terms).toMatchObject({
      mirrored: true,
      mirrorError: null,
      fields: { defaultPlanId: plan.id, depositPercent: "20", netDays: 45, paymentDays: [5, 20], creditLimit: { minor: 100_000_000n, currency: "USD" } },
    });
    expect(trancheMetafields(customer().id)).toEqual({
      credit_limit: '{"amount":"1000000.00","currency_code":"USD"}',
      default_plan: "Deposit and balance",
      terms: '{"depositPercent":"20","netDays":45,"paymentDays":[5,20]}',
    });
    const audit = await listAudit(database.prisma, shop.domain);
    expect(audit.find((entry) => entry.action === "customerTerms.saved")?.details).toMatchObject({
      subject: subject(),
      before: null,
      after: { depositPercent: "20", netDays: 45, paymentDays: [5, 20], creditLimit: { minor: "100000000", currency: "USD" } },
    });

    const cleared = await saveCustomerTermsAction(
      deps(),
      shop.domain,
      subject(),
      form({ defaultPlanId: plan.id, depositPercent: "20", netDays: "45", paymentDays: "", creditLimitCurrency: "USD" }),
      STAFF,
    );
    expect(cleared.terms?.fields.paymentDays).toBeNull();
    expect(Object.keys(trancheMetafields(customer().id)).sort()).toEqual(["default_plan", "terms"]);
    expect(trancheMetafields(customer().id).terms).toBe('{"depositPercent":"20","netDays":45,"paymentDays":null}');
  });

  it("keeps the terms when Shopify refuses them, marked not mirrored with Shopify's words, and mirrors them on a retry", async () => {
    const gone = { kind: "company", companyId: "gid://shopify/Company/424242" } as const;
    const result = await saveCustomerTermsAction(deps(), shop.domain, gone, form({ netDays: "30" }), STAFF);
    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      "Terms saved, but not in Shopify yet (Flow and other apps still read the old ones): Shopify did not store the terms on the company: Owner does not exist. (metafields.0.ownerId)",
    );
    expect(await getCustomerTerms(database.prisma, shop.domain, gone)).toMatchObject({ mirrored: false, fields: { netDays: 30 } });

    // The company exists in Shopify now: the retry mirrors what was kept.
    state().companies.push({ id: gone.companyId, name: "Late Co", contactCustomerIds: [], locations: [] });
    expect(await retryUnmirroredTerms(deps(), shop.domain)).toBe(1);
    expect(await getCustomerTerms(database.prisma, shop.domain, gone)).toMatchObject({ mirrored: true, mirrorError: null });
    expect(trancheMetafields(gone.companyId)).toEqual({ terms: '{"depositPercent":null,"netDays":30,"paymentDays":null}' });
  });
});

describe("attaching a plan to a customer with terms and a credit limit", () => {
  it("offers the terms' default plan first and applies the negotiated deposit and net days", async () => {
    const draftOrderId = await createQuote();
    const options = await attachOptions(deps(), shop.domain, draftOrderId);
    expect(options.plans[0]).toEqual({ id: plan.id, name: plan.name, isDefault: true });
    expect(options.defaultFrom).toBe("terms");
    expect(options.terms).toMatchObject({ depositPercent: { value: "20" }, netDays: { value: 45 }, creditLimit: null, credit: { kind: "noLimit" } });

    const contract = await attachPlan(deps(), shop.domain, { draftOrderId, planId: plan.id, actor: STAFF });
    // 20% instead of the plan's 50%, to the cent of the largest-remainder split.
    expect(contract.stages[0]!.amountMinor).toBe((contract.totalMinor * 20n) / 100n);
    expect(contract.stages.reduce((sum, stage) => sum + stage.amountMinor, 0n)).toBe(contract.totalMinor);
  });

  it("refuses an order over the limit with the figures, then attaches it when staff give a reason (audited)", async () => {
    const owed = (await customerExposure(database.prisma, shop.domain, subject(), "2000-01-01" as CalendarDate))[0]!;
    expect(owed.contracts).toBe(1);
    const draftOrderId = await createQuote();
    const total = toMinorUnits((await attachOptions(deps(), shop.domain, draftOrderId)).draftOrder.total, currencyFor("USD"), "total");
    // A limit a dollar short of what the customer would owe with this order.
    const limitMinor = owed.unpaidMinor + total - 100n;
    await saveCustomerTermsAction(
      deps(),
      shop.domain,
      subject(),
      form({ creditLimit: formatMinorUnits(limitMinor, currencyFor("USD")), creditLimitCurrency: "USD" }),
      STAFF,
    );

    const options = await attachOptions(deps(), shop.domain, draftOrderId);
    const refusal = `Credit limit reached: ${customer().firstName} ${customer().lastName} owes ${usd(owed.unpaidMinor)} on 1 contract; this order adds ${usd(total)}; the limit is ${usd(limitMinor)} ($1.00 over).`;
    expect(options.terms.credit).toEqual({ kind: "over", summary: refusal, overBy: "1.00" });
    // The terms' default plan is no longer set: the customer's last plan comes first.
    expect(options.defaultFrom).toBe("lastUsed");

    const before = state().draftOrders.length;
    const error = await attachPlan(deps(), shop.domain, { draftOrderId, planId: otherPlan.id, actor: STAFF }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CreditLimitError);
    expect((error as Error).message).toBe(refusal);
    expect(state().draftOrders.length).toBe(before);
    expect(await database.prisma.contract.count({ where: { sourceDraftOrderId: draftOrderId } })).toBe(0);

    // The action extension's answer: the refusal, and how to override it.
    const answer = await attachAction({
      request: new Request("https://app.test/api/attach", { method: "POST", body: JSON.stringify({ draftOrderId, planId: otherPlan.id }) }),
      params: {},
      context: {},
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ error: refusal, creditLimit: { over: "1.00", currency: "USD", owedContracts: 1, overridable: true } });

    await expect(attachPlan(deps(), shop.domain, { draftOrderId, planId: otherPlan.id, actor: STAFF, creditOverride: { reason: "  " } })).rejects.toThrow(
      AttachPlanError,
    );

    const contract = await attachPlan(deps(), shop.domain, {
      draftOrderId,
      planId: otherPlan.id,
      actor: STAFF,
      creditOverride: { reason: "Paid by wire yesterday; the bank confirms" },
    });
    const audit = await listAudit(database.prisma, shop.domain, { contractId: contract.id });
    expect(audit.find((entry) => entry.action === "contract.creditLimitOverridden")).toMatchObject({
      actor: STAFF,
      details: {
        reason: "Paid by wire yesterday; the bank confirms",
        currency: "USD",
        limitMinor: String(limitMinor),
        owedMinor: String(owed.unpaidMinor),
        addsMinor: String(total),
        overMinor: "100",
        refusal,
      },
    });
  });
});

describe("a B2B draft: terms of its location, company and contact", () => {
  it("resolves the location's terms over the company's, weighs the company's limit on every location, and records the company", async () => {
    const company = {
      id: "gid://shopify/Company/9001",
      name: "Acme Corp",
      contactCustomerIds: [],
      locations: [{ id: "gid://shopify/CompanyLocation/9002", name: "Dallas" }],
    };
    state().companies.push(company);
    const location = company.locations[0]!;
    await saveCustomerTermsAction(
      deps(),
      shop.domain,
      { kind: "company", companyId: company.id },
      form({ depositPercent: "25", netDays: "60", creditLimit: "900,000", creditLimitCurrency: "USD" }),
      STAFF,
    );
    await saveCustomerTermsAction(deps(), shop.domain, { kind: "companyLocation", companyLocationId: location.id }, form({ depositPercent: "40" }), STAFF);

    const created = await admin<{ draftOrderCreate: { draftOrder: { id: string } } }>(
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
      {
        input: {
          email: "ap@acme.example",
          purchasingEntity: {
            purchasingCompany: { companyId: company.id, companyLocationId: location.id, companyContactId: "gid://shopify/CompanyContact/1" },
          },
          lineItems: [{ variantId: shippingVariant().id, quantity: 1 }],
        },
      },
    );
    const draftOrderId = created.draftOrderCreate.draftOrder.id;
    const options = await attachOptions(deps(), shop.domain, draftOrderId);
    expect(options.terms).toMatchObject({
      subjectName: "Acme Corp",
      depositPercent: { value: "40", from: "Acme Corp (Dallas)'s terms (company location)" },
      netDays: { value: 60, from: "Acme Corp's terms (company)" },
      creditLimit: { amount: "900000.00", currency: "USD", from: "Acme Corp's terms (company)" },
      exposure: [],
      credit: { kind: "within" },
    });

    const contract = await attachPlan(deps(), shop.domain, { draftOrderId, planId: plan.id, actor: STAFF });
    expect(contract.stages[0]!.amountMinor).toBe((contract.totalMinor * 40n) / 100n);
    const row = await database.prisma.contract.findUniqueOrThrow({ where: { id: contract.id } });
    expect({ companyId: row.companyId, companyLocationId: row.companyLocationId }).toEqual({ companyId: company.id, companyLocationId: location.id });
    expect(await customerExposure(database.prisma, shop.domain, { kind: "company", companyId: company.id }, "2000-01-01" as CalendarDate)).toEqual([
      { currency: "USD", unpaidMinor: contract.totalMinor, overdueMinor: 0n, contracts: 1 },
    ]);
  });
});

describe("a customer who pays on the 5th and the 20th", () => {
  it("shows the payment days where they come from, and the attach moves every due date after checkout to the next of them", async () => {
    // Wednesday 2027-03-03 in the shop's zone (America/New_York).
    emulator.store.clock.advanceTo(new Date("2027-03-03T15:00:00Z"));
    const payer = customerAt(0);
    const saved = await saveCustomerTermsAction(deps(), shop.domain, { kind: "customer", customerId: payer.id }, form({ paymentDays: "5, 20" }), STAFF);
    expect(saved.ok).toBe(true);
    const dated = await createPlan(database.prisma, shop.domain, {
      name: "Deposit, then two dated payments",
      config: {
        stages: [
          { kind: "deposit", share: { percent: "30" }, due: "checkout" },
          { kind: "installment", share: { percent: "35" }, due: { after: "4d" } },
          { kind: "balance", share: "remainder", due: { after: "18d" } },
        ],
      },
      actor: STAFF,
    });
    const draftOrderId = await createQuote({ customerId: payer.id });

    const options = await attachOptions(deps(), shop.domain, draftOrderId);
    const from = `${payer.firstName} ${payer.lastName}'s terms (customer)`;
    expect(options.terms.paymentDays).toEqual({ value: [5, 20], from });
    const preview = await attachPreviewView(deps(), shop.domain, { draftOrderId, planId: dated.id });
    expect(preview.termsApplied).toBe(`Negotiated terms applied: payment on the next 5th or 20th (${from}).`);

    const contract = await attachPlan(deps(), shop.domain, { draftOrderId, planId: dated.id, actor: STAFF });
    // The plan says 2027-03-07 and 2027-03-21; the customer pays on the next 5th or 20th. Invoices go out on the plan's dates.
    expect(contract.stages.map((stage) => [stage.issueDate, stage.dueDate])).toEqual([
      ["2027-03-03", "2027-03-03"],
      ["2027-03-07", "2027-03-20"],
      ["2027-03-21", "2027-04-05"],
    ]);
  });
});
