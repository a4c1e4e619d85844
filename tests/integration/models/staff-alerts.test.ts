import { afterAll, describe, expect, it } from "vitest";

import { stageAlertKind, type StaffAlertKind } from "../../../app/domain/alerts/staff-alerts";
import type { ContractStatus } from "../../../app/domain/contract/contract-state";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { readStaffAlerts } from "../../../app/models/staff-alerts.server";
import { createTestDatabase } from "../test-database";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "./bulk-portfolio-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const TODAY = "2027-03-10" as CalendarDate;
const DAY = { today: TODAY, timeZone: "UTC" };

interface StageSpec {
  readonly status?: StageStatus;
  readonly amount?: bigint;
  readonly paid?: bigint;
  readonly dueDate?: string | null;
  readonly attempts?: number;
  readonly chargeKey?: string;
  readonly nextAttemptAt?: Date;
  readonly parkedReason?: string;
  readonly lastError?: string;
}

let drafts = 0;

/** A contract row as the models would have left it, written directly: these tests are about reading. */
async function insertContract(
  shop: string,
  stages: readonly StageSpec[],
  contract: {
    readonly status?: ContractStatus;
    readonly draftName?: string;
    readonly customerName?: string;
    readonly customerId?: string;
    readonly companyId?: string;
    readonly currency?: string;
  } = {},
): Promise<string> {
  drafts += 1;
  const plan = await db.plan.create({ data: { shop, name: "Plan", syntax: "preset", source: "{}", model: "{}" } });
  const created = await db.contract.create({
    data: {
      shop,
      planId: plan.id,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${drafts}`,
      sourceDraftName: contract.draftName ?? `#D${drafts}`,
      customerName: contract.customerName ?? null,
      customerId: contract.customerId ?? null,
      companyId: contract.companyId ?? null,
      currency: contract.currency ?? "EUR",
      totalMinor: stages.reduce((sum, stage) => sum + (stage.amount ?? 10_000n), 0n),
      mode: "stageOrder",
      status: contract.status ?? "active",
      orderSnapshot: "{}",
      stages: {
        create: stages.map((stage, index) => ({
          position: index + 1,
          kind: "installment",
          title: `Payment ${index + 1}`,
          amountMinor: stage.amount ?? 10_000n,
          paidMinor: stage.paid ?? (stage.status === "paid" ? (stage.amount ?? 10_000n) : 0n),
          taxShares: "[]",
          dueRule: "{}",
          status: stage.status ?? "invoiced",
          dueDate: stage.dueDate === undefined ? "2027-04-01" : stage.dueDate,
          attempts: stage.attempts ?? 0,
          chargeKey: stage.chargeKey ?? null,
          nextAttemptAt: stage.nextAttemptAt ?? null,
          parkedReason: stage.parkedReason ?? null,
          lastError: stage.lastError ?? null,
        })),
      },
    },
  });
  return created.id;
}

const summary = (alert: { kind: StaffAlertKind; contract: { draftName: string | null } | null; stage?: { position: number } | null }) =>
  `${alert.kind} ${alert.contract?.draftName ?? "-"}${alert.stage ? `/${alert.stage.position}` : ""}`;

describe("readStaffAlerts", () => {
  it("finds declined charges, overdue stages, stopped stages, parked jobs and unsent emails of the shop, the most urgent first", async () => {
    const shop = "alerts-kinds.myshopify.com";
    const declined = await insertContract(
      shop,
      [{ status: "paid" }, { status: "failed", attempts: 1, nextAttemptAt: new Date("2027-03-11T09:00:00Z"), dueDate: "2027-03-09" }],
      { draftName: "#D1", customerName: "Acme Ltd" },
    );
    await insertContract(shop, [{ status: "overdue", dueDate: "2027-02-01", paid: 4_000n }, { dueDate: "2027-03-09" }], { draftName: "#D2" });
    await insertContract(
      shop,
      [{ status: "invoiced", parkedReason: "Shopify refused draftOrderInvoiceSend: Invoice cannot be sent", lastError: "Invoice cannot be sent" }],
      {
        draftName: "#D3",
      },
    );
    // Nothing to do: paid, due today, a charge on its way, a cancelled contract's overdue stage.
    await insertContract(shop, [{ status: "paid", dueDate: "2027-01-01" }, { dueDate: TODAY }, { status: "scheduled", attempts: 1, chargeKey: "k:2:1" }], {
      draftName: "#D4",
    });
    await insertContract(shop, [{ status: "overdue", dueDate: "2027-01-01", attempts: 2 }], { draftName: "#D5", status: "cancelled" });
    await db.parkedJob.createMany({
      data: [
        {
          jobId: "kinds-1",
          queue: "contract-sync",
          kind: "contract:sync",
          shop,
          payload: JSON.stringify({ contractId: declined, reason: "due sweep" }),
          reason: "gave up after 8 attempts: Shopify answered 503",
          attempts: 8,
          parkedAt: new Date("2027-03-09T10:00:00Z"),
        },
        {
          jobId: "kinds-2",
          queue: "webhook",
          kind: "webhook:orders/paid",
          shop,
          payload: "{}",
          reason: "bad body",
          attempts: 1,
          parkedAt: new Date("2027-03-08T10:00:00Z"),
        },
      ],
    });
    await db.outgoingEmail.create({
      data: {
        shop,
        contractId: declined,
        kind: "overdue",
        payload: "{}",
        dedupeKey: "overdue:1",
        messageId: "m1",
        status: "failed",
        lastError: "550 no such user",
        recipient: "ann@example.com",
      },
    });
    // Another shop's troubles are not this shop's.
    const elsewhere = await insertContract("alerts-elsewhere.myshopify.com", [{ status: "overdue", dueDate: "2027-01-01" }]);
    await db.parkedJob.create({
      data: {
        jobId: "elsewhere-1",
        queue: "webhook",
        kind: "webhook:orders/paid",
        shop: "alerts-elsewhere.myshopify.com",
        payload: "{}",
        reason: "x",
        attempts: 1,
        parkedAt: new Date(),
      },
    });
    await db.outgoingEmail.create({
      data: {
        shop: "alerts-elsewhere.myshopify.com",
        contractId: elsewhere,
        kind: "overdue",
        payload: "{}",
        dedupeKey: "overdue:9",
        messageId: "m9",
        status: "failed",
      },
    });

    const alerts = await readStaffAlerts(db, shop, DAY);
    expect(alerts.items.map(summary)).toEqual([
      "chargeDeclined #D1/2",
      "stageOverdue #D2/1",
      "stageOverdue #D2/2",
      "jobParked #D3/1",
      "jobParked #D1",
      "jobParked -",
      "emailFailed #D1",
    ]);
    expect(alerts.counts).toEqual({ chargeDeclined: 1, stageOverdue: 2, jobParked: 3, emailFailed: 1, creditLimitReached: 0 });
    expect(alerts.total).toBe(7);
    expect(alerts.items[0]).toMatchObject({
      contract: { id: declined, draftName: "#D1", customerName: "Acme Ltd", currency: "EUR" },
      owed: { minor: 10_000n, currency: "EUR" },
      retryOn: "2027-03-11",
      daysOverdue: 1,
    });
    expect(alerts.items[1]).toMatchObject({ owed: { minor: 6_000n }, dueDate: "2027-02-01", daysOverdue: 37 });
    // Shopify's own words, not the operation the app was running.
    expect(alerts.items[3]).toMatchObject({ reason: "Invoice cannot be sent", since: null });
    expect(alerts.items[6]).toMatchObject({ recipient: "ann@example.com", reason: "550 no such user", emailKind: "overdue" });
  });

  it("reads the most urgent `limit` in full and counts every one", async () => {
    const shop = "alerts-limit.myshopify.com";
    const stages: StageSpec[] = [];
    for (let day = 1; day <= 9; day += 1) stages.push({ status: "overdue", dueDate: `2027-03-0${day}` });
    await insertContract(shop, stages, { draftName: "#D-late" });
    await insertContract(shop, [{ status: "failed", attempts: 3, dueDate: "2027-05-01" }], { draftName: "#D-card" });
    await insertContract(shop, [{ parkedReason: "refused" }], { draftName: "#D-stopped" });

    const alerts = await readStaffAlerts(db, shop, DAY, 3);
    expect(alerts.items.map(summary)).toEqual(["chargeDeclined #D-card/1", "stageOverdue #D-late/1", "stageOverdue #D-late/2"]);
    expect(alerts.counts).toEqual({ chargeDeclined: 1, stageOverdue: 9, jobParked: 1, emailFailed: 0, creditLimitReached: 0 });
    expect(alerts.total).toBe(11);
  });

  it("finds the customers and companies owing their credit limit or more in its currency, the furthest over first", async () => {
    const shop = "alerts-credit.myshopify.com";
    const ada = "gid://shopify/Customer/1";
    const bea = "gid://shopify/Customer/2";
    const oak = "gid://shopify/Company/3";
    // Ada: 300.00 owed of a 300.00 limit (a paid stage and a cancelled contract do not count).
    await insertContract(shop, [{ amount: 20_000n, paid: 5_000n }, { status: "scheduled", amount: 15_000n }, { status: "paid" }], { customerId: ada });
    await insertContract(shop, [{ amount: 90_000n }], { customerId: ada, status: "cancelled" });
    // Bea: 100.00 owed in EUR of a 300.00 EUR limit; her USD contract is not counted against it.
    await insertContract(shop, [{ amount: 10_000n }], { customerId: bea });
    await insertContract(shop, [{ amount: 500_000n }], { customerId: bea, currency: "USD" });
    // Oak & Iron: two locations' contracts, 900.00 owed, 400.00 over its company limit.
    await insertContract(shop, [{ amount: 40_000n }], { companyId: oak });
    await insertContract(shop, [{ amount: 50_000n, dueDate: "2027-01-01" }], { companyId: oak });
    const limit = (subjectKind: string, subjectId: string, subjectName: string, minor: bigint) =>
      db.customerTerms.create({ data: { shop, subjectKind, subjectId, subjectName, creditLimitMinor: minor, creditLimitCurrency: "EUR" } });
    await limit("customer", ada, "Ada", 30_000n);
    await limit("customer", bea, "Bea", 30_000n);
    await limit("company", oak, "Oak & Iron Ltd", 50_000n);
    await db.customerTerms.create({ data: { shop, subjectKind: "customer", subjectId: "gid://shopify/Customer/9", netDays: 30 } });

    const alerts = await readStaffAlerts(db, shop, DAY);
    const credit = alerts.items.flatMap((alert) => (alert.kind === "creditLimitReached" ? [alert] : []));
    expect(credit).toEqual([
      {
        kind: "creditLimitReached",
        contract: null,
        customer: { kind: "company", id: oak, name: "Oak & Iron Ltd" },
        limit: { minor: 50_000n, currency: "EUR" },
        owed: { minor: 90_000n, currency: "EUR" },
        contracts: 2,
      },
      {
        kind: "creditLimitReached",
        contract: null,
        customer: { kind: "customer", id: ada, name: "Ada" },
        limit: { minor: 30_000n, currency: "EUR" },
        owed: { minor: 30_000n, currency: "EUR" },
        contracts: 1,
      },
    ]);
    expect(alerts.counts.creditLimitReached).toBe(2);
    expect((await readStaffAlerts(db, shop, DAY, 1)).counts.creditLimitReached).toBe(2);
  });

  it("is empty for a shop with nothing to do", async () => {
    const shop = "alerts-calm.myshopify.com";
    await insertContract(shop, [{ status: "paid" }, { dueDate: "2027-03-20" }]);
    expect(await readStaffAlerts(db, shop, DAY)).toEqual({
      items: [],
      counts: { chargeDeclined: 0, stageOverdue: 0, jobParked: 0, emailFailed: 0, creditLimitReached: 0 },
      total: 0,
    });
  });
});

describe("readStaffAlerts at 20,000 contracts", () => {
  it("counts what the domain's rules count over every stage, and reads only the ones it lists", async () => {
    await seedBulkPortfolio(db, 20_000);
    // Declined charges (some with a charge on its way again) and stopped stages spread over the seed.
    await db.$executeRaw`UPDATE "Stage" SET "attempts" = 1 + (length("id") % 3), "chargeKey" = CASE WHEN position = 3 THEN 'in-flight' END
      WHERE "contractId" LIKE 'bulk-%' AND substring("contractId" FROM 6)::int % 17 = 0`;
    await db.$executeRaw`UPDATE "Stage" SET "parkedReason" = 'refused', "lastError" = 'Shopify said no'
      WHERE "contractId" LIKE 'bulk-%' AND substring("contractId" FROM 6)::int % 23 = 0 AND position = 1`;
    for (const { shop, timeZone } of BULK_SHOPS) {
      const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(BULK_NOW) as CalendarDate;
      const alerts = await readStaffAlerts(db, shop, { today, timeZone }, 25);

      const stages = await db.stage.findMany({ where: { contract: { shop } }, include: { contract: true } });
      const expected = { chargeDeclined: 0, stageOverdue: 0, jobParked: 0, emailFailed: 0, creditLimitReached: 0 };
      for (const stage of stages) {
        const kind = stageAlertKind(
          {
            contract: {
              id: stage.contractId,
              draftName: null,
              orderName: null,
              customerName: null,
              currency: stage.contract.currency,
              status: stage.contract.status as ContractStatus,
            },
            position: stage.position,
            title: stage.title,
            status: stage.status as StageStatus,
            amountMinor: stage.amountMinor,
            paidMinor: stage.paidMinor,
            dueDate: stage.dueDate as CalendarDate | null,
            chargeAttempts: stage.attempts,
            chargeInFlight: stage.chargeKey !== null,
            nextChargeAt: stage.nextAttemptAt,
            stoppedBecause: stage.parkedReason === null ? null : (stage.lastError ?? stage.parkedReason),
          },
          today,
        );
        if (kind) expected[kind] += 1;
      }
      expect(expected.chargeDeclined).toBeGreaterThan(0);
      expect(expected.stageOverdue).toBeGreaterThan(25);
      expect(expected.jobParked).toBeGreaterThan(0);
      expect(alerts.counts).toEqual(expected);
      expect(alerts.items).toHaveLength(25);
      expect(alerts.items.every((alert) => alert.contract?.id.startsWith("bulk-"))).toBe(true);
    }
  }, 120_000);
});
