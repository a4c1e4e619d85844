import { beforeAll, describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits, toMinorUnits } from "../../../app/domain/money/minor-units";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { attachOptions } from "../../../app/services/attach/attach-flow.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { CreditLimitError } from "../../../app/services/attach/attach-terms.server";
import { saveCustomerTermsAction } from "../../../app/services/customer-terms/save-customer-terms.server";
import { useEmulatorServices } from "../../support/emulator-services";

/** The attach's credit check under concurrency (issue 14): two attaches for one customer at once are weighed in turn. */

const STAFF = "staff:concurrency-test" as const;
const { shop, database, deps, customer: customerAt, createQuote } = useEmulatorServices({ offlineSessions: true });
const customer = () => customerAt(1);

let plan: StoredPlan;

beforeAll(async () => {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-balance-before-shipping")!;
  plan = await createPlan(database.prisma, shop.domain, { name: "Deposit and balance", config: preset.config, actor: STAFF });
});

describe("two attaches for one customer at the same moment", () => {
  it("lets one through and refuses the other, whose check counts the first one's contract", async () => {
    const [first, second] = [await createQuote(), await createQuote()];
    const total = toMinorUnits((await attachOptions(deps(), shop.domain, first)).draftOrder.total, currencyFor("USD"), "total");
    // Room for exactly one of the two orders (the limit may be reached, not passed).
    await saveCustomerTermsAction(
      deps(),
      shop.domain,
      { kind: "customer", customerId: customer().id },
      (() => {
        const form = new FormData();
        form.set("creditLimit", formatMinorUnits(total + total - 1n, currencyFor("USD")));
        form.set("creditLimitCurrency", "USD");
        return form;
      })(),
      STAFF,
    );
    for (const draftOrderId of [first, second]) {
      const options = await attachOptions(deps(), shop.domain, draftOrderId);
      expect(options.terms.credit.kind).toBe("within");
      // The action extension shows the score of the customer whose limit is weighed: nothing has fallen due yet.
      expect(options.standing).toEqual({ subjectName: `${customer().firstName} ${customer().lastName}`, view: { kind: "noHistory", notYetDue: 0 } });
    }

    // Both have read what the customer owes (nothing) before either creates its contract.
    const results = await Promise.allSettled(
      [first, second].map((draftOrderId) => attachPlan(deps(), shop.domain, { draftOrderId, planId: plan.id, actor: STAFF })),
    );

    const attached = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(attached).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(CreditLimitError);
    expect((refused[0] as CreditLimitError).figures).toMatchObject({ owedMinor: total, owedContracts: 1, addsMinor: total, overMinor: 1n });
    expect(await database.prisma.contract.count({ where: { shop: shop.domain, customerId: customer().id } })).toBe(1);
  });
});
