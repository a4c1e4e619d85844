import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorker } from "../../../app/jobs/app-worker.server";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { getCustomerTerms } from "../../../app/models/customer-terms.server";
import { saveCustomerTermsAction } from "../../../app/services/customer-terms/save-customer-terms.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { testBuyerMail } from "../../support/buyer-mail";
import { createTestDatabase, type TestDatabase } from "../test-database";

/** Terms Shopify did not take are mirrored again by the worker, beside its reconcile, with nobody saving them again. */

const shop = readShopsFixture(DEMO_FIXTURE_FILE).find((candidate) => candidate.plan === "basic") as ShopFixture;
const COMPANY = "gid://shopify/Company/424243";

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops: [shop] });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

const state = () => emulator.store.shops.get(shop.domain)!;

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
