import { afterAll, describe, expect, it, vi } from "vitest";

import { getShopSettings } from "../../../app/models/shop-settings.server";
import { loader as dashboardLoader } from "../../../app/routes/app._index";
import { action as settingsAction } from "../../../app/routes/app.settings";
import type { StaffContext } from "../../../app/staff-context.server";
import { testBuyerMail } from "../../support/buyer-mail";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

let shop = "";
/** Each test's own shop, so that one test's alerts never show in another's. */
const useShop = (name: string) => (shop = `${name}.myshopify.com`);

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop,
    actor: "staff:12",
    deps: {
      db: database.prisma,
      jobs: undefined as never,
      // The shop query answers for Settings; the shop's format falls back to en-US (the answer has no locale).
      adminFor: async () => ({ request: async () => ({ shop: { plan: { shopifyPlus: false } } }) }) as never,
      now: () => new Date("2027-03-10T12:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

interface ToDo {
  count: number;
  countWords: string;
  items: { badge: string; tone: string; subjectLabel: string | null; subjectUrl: string | null; text: string; detail: string | null }[];
  more: number;
  moreUrl: string;
}

const dashboard = async () =>
  ((await (await dashboardLoader({ request: new Request("https://app.test/app"), params: {}, context: {} })).json()) as { toDo: ToDo; contractCount: number })
    .toDo;

let drafts = 0;
/** A contract of 360.00 / 600.00 / 240.00 EUR, its deposit paid; `stages` changes stages 2 and 3. */
async function contract(stages: { second?: object; third?: object } = {}): Promise<string> {
  drafts += 1;
  const seeded = await seedContract(db, shop, `gid://shopify/DraftOrder/${drafts}`);
  await db.contract.update({ where: { id: seeded.id }, data: { status: "active", sourceDraftName: `#D${drafts}`, customerName: "Oak & Iron Ltd" } });
  const [deposit, second, third] = seeded.stages;
  await db.stage.update({ where: { id: deposit!.id }, data: { status: "paid", paidMinor: deposit!.amountMinor } });
  await db.stage.update({ where: { id: second!.id }, data: { status: "scheduled", dueDate: "2027-04-01", ...stages.second } });
  await db.stage.update({ where: { id: third!.id }, data: { status: "scheduled", dueDate: "2027-05-01", ...stages.third } });
  return seeded.id;
}

describe("the dashboard's to-do list", () => {
  it("lists declined cards, overdue stages and stopped work as sentences linking to their contracts, the most urgent first", async () => {
    useShop("to-do");
    const late = await contract({ second: { status: "overdue", dueDate: "2027-03-01" } });
    const declined = await contract({ third: { status: "failed", attempts: 3, dueDate: "2027-03-09" } });
    await db.parkedJob.createMany({
      data: [
        {
          jobId: "to-do-1",
          queue: "contract-sync",
          kind: "contract:sync",
          shop,
          payload: JSON.stringify({ contractId: late, reason: "due sweep" }),
          reason: "gave up after 8 attempts: Shopify answered 503",
          attempts: 8,
          parkedAt: new Date("2027-03-09T10:00:00Z"),
        },
        {
          jobId: "to-do-2",
          queue: "webhook",
          kind: "webhook:orders/paid",
          shop: "another.myshopify.com",
          payload: "{}",
          reason: "another shop's trouble",
          attempts: 1,
          parkedAt: new Date("2027-03-09T10:00:00Z"),
        },
      ],
    });

    const toDo = await dashboard();
    expect(toDo).toMatchObject({ count: 3, countWords: "1 declined charge, 1 overdue, 1 stopped task", more: 0 });
    expect(toDo.items).toEqual([
      {
        badge: "Card declined",
        tone: "critical",
        subjectLabel: "#D2 · Oak & Iron Ltd",
        subjectUrl: `/app/contracts/${declined}`,
        text: expect.stringMatching(/^the saved card was declined 3 times for stage 3 \(.+\): €240\.00 owed\.$/),
        detail: "No more tries: the buyer pays from the emailed payment link. The stage is 1 day overdue.",
      },
      {
        badge: "Overdue",
        tone: "warning",
        subjectLabel: "#D1 · Oak & Iron Ltd",
        subjectUrl: `/app/contracts/${late}`,
        text: expect.stringMatching(/^stage 2 \(.+\) is 9 days overdue: €600\.00 was due on Mar 1, 2027\.$/),
        detail: null,
      },
      {
        badge: "Stopped",
        tone: "attention",
        subjectLabel: "#D1 · Oak & Iron Ltd",
        subjectUrl: `/app/contracts/${late}`,
        text: "Tranche stopped bringing this contract up to date with Shopify after 8 tries on Mar 9, 2027.",
        detail: "What went wrong: gave up after 8 attempts: Shopify answered 503.",
      },
    ]);
  });

  it("lists a customer at their credit limit, linking to the customer's page", async () => {
    useShop("to-do-credit");
    const owing = await contract();
    await db.contract.update({ where: { id: owing }, data: { customerId: "gid://shopify/Customer/42" } });
    await db.customerTerms.create({
      data: {
        shop,
        subjectKind: "customer",
        subjectId: "gid://shopify/Customer/42",
        subjectName: "Oak & Iron Ltd",
        creditLimitMinor: 50_000n,
        creditLimitCurrency: "EUR",
      },
    });
    const toDo = await dashboard();
    expect(toDo).toMatchObject({ count: 1, countWords: "1 at its credit limit" });
    expect(toDo.items).toEqual([
      {
        badge: "Credit limit",
        tone: "attention",
        subjectLabel: "Oak & Iron Ltd",
        subjectUrl: "/app/customers/42",
        text: "owes €840.00 on 1 contract, €340.00 over the €500.00 credit limit.",
        detail: "A new order for them is refused unless staff attach it with a reason.",
      },
    ]);
  });

  it("shows ten and links the rest to the overdue contracts when only overdue stages are left out", async () => {
    useShop("to-do-many");
    for (let index = 0; index < 12; index += 1) await contract({ second: { status: "overdue", dueDate: `2027-02-${String(10 + index)}` } });
    const toDo = await dashboard();
    expect(toDo).toMatchObject({ count: 12, more: 2, moreUrl: "/app/contracts?due=overdue" });
    expect(toDo.items).toHaveLength(10);
    // The longest overdue first.
    expect(toDo.items[0]!.text).toContain("28 days overdue");
  });

  it("says so when nothing needs anyone", async () => {
    useShop("to-do-calm");
    await contract();
    expect(await dashboard()).toEqual({ count: 0, countWords: "", items: [], more: 0, moreUrl: "/app/contracts" });
  });
});

describe("Settings: the digest's addresses", () => {
  const GENERAL_FIELDS = {
    intent: "settings",
    collectionMode: "auto",
    remindBeforeDays: "3",
    remindAfterDays: "1",
    defaultPlanId: "",
    linkEmailsBy: "tranche",
  };
  const save = async (alertEmails: string) => {
    const response = await settingsAction({
      request: new Request("https://app.test/app/settings", { method: "POST", body: new URLSearchParams({ ...GENERAL_FIELDS, alertEmails }) }),
      params: {},
      context: {},
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; fieldErrors: Record<string, string> } };
  };

  it("saves addresses given one per line or with commas, each once", async () => {
    useShop("digest-addresses");
    expect((await save("owner@oak.test, books@oak.test\r\nOWNER@oak.test\n")).status).toBe(200);
    expect((await getShopSettings(db, shop)).alertEmails).toEqual(["owner@oak.test", "books@oak.test"]);
    expect((await save("")).status).toBe(200);
    expect((await getShopSettings(db, shop)).alertEmails).toEqual([]);
  });

  it("refuses an address that is not one, naming it, and keeps what was saved", async () => {
    useShop("digest-bad-address");
    await save("owner@oak.test");
    const refused = await save("owner@oak.test, bob@");
    expect(refused).toEqual({ status: 422, body: expect.objectContaining({ ok: false, fieldErrors: { alertEmails: "“bob@” is not an email address" } }) });
    expect((await getShopSettings(db, shop)).alertEmails).toEqual(["owner@oak.test"]);
  });
});
