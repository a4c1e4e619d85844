import { describe, expect, it } from "vitest";

import { startWorker } from "../../../app/jobs/app-worker.server";
import { getCustomerTerms } from "../../../app/models/customer-terms.server";
import { saveCustomerTermsAction } from "../../../app/services/customer-terms/save-customer-terms.server";
import { useEmulatorServices } from "../../support/emulator-services";

/** Terms Shopify did not take are mirrored again by the worker, beside its reconcile, with nobody saving them again. */

const { shop, database, deps, shopState: state } = useEmulatorServices();
const COMPANY = "gid://shopify/Company/424243";

describe("the worker's reconcile", () => {
  it("mirrors the terms Shopify refused once it takes them", async () => {
    const form = new FormData();
    form.set("netDays", "30");
    const subject = { kind: "company", companyId: COMPANY } as const;
    // The company is not in Shopify yet: Shopify refuses the metafields, the terms stay saved, not mirrored.
    const saved = await saveCustomerTermsAction(deps(), shop.domain, subject, form, "staff:1");
    expect(saved.terms).toMatchObject({ mirrored: false });
    state().companies.push({ id: COMPANY, name: "Late Co", contactCustomerIds: [], locations: [] });

    const logged: string[] = [];
    const worker = await startWorker(deps(), { reconcileEveryMs: 60_000, sweepIntervalMs: 100_000, log: (line) => logged.push(line) });
    try {
      const giveUpAt = Date.now() + 15_000;
      while (!(await getCustomerTerms(database.prisma, shop.domain, subject))?.mirrored && Date.now() < giveUpAt) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop({ graceful: false });
    }
    expect(await getCustomerTerms(database.prisma, shop.domain, subject)).toMatchObject({ mirrored: true, mirrorError: null });
    expect(
      state()
        .metafields.filter((metafield) => metafield.ownerId === COMPANY)
        .map((metafield) => metafield.key),
    ).toEqual(["terms"]);
    expect(logged.filter((line) => line.includes("[terms]"))).toEqual([]);
  });
});
