import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { loader as csvLoader } from "../../../app/routes/app.reports.$report[.]csv";
import { loader as indexLoader } from "../../../app/routes/app.reports._index";
import { loader as agingLoader } from "../../../app/routes/app.reports.aging";
import { loader as collectedLoader } from "../../../app/routes/app.reports.collected";
import { loader as collectionsLoader } from "../../../app/routes/app.reports.collections";
import { loader as deferredLoader } from "../../../app/routes/app.reports.deferred-revenue";
import type { RollForwardRow } from "../../../app/services/books/deferred-revenue.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { reportSeed } from "../reports/report-seed";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "reports.myshopify.com";
// 22:30 UTC on 31 March is already 1 April in Berlin, the shop's zone: the reports' today.
const NOW = new Date("2027-03-31T22:30:00Z");
const FORMULA = '=HYPERLINK("http://evil.test")';

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    deps: {
      db,
      now: () => NOW,
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

/** The journal's roll-forward is another module's work (app/services/books): here it answers fixed rows, as its type says. */
const rollForward = vi.hoisted(() => ({ rows: [] as RollForwardRow[], asked: [] as unknown[] }));
vi.mock("../../../app/services/books/deferred-revenue.server", () => ({
  deferredRevenueRollForward: async (_db: unknown, _shop: string, range: unknown) => {
    rollForward.asked.push(range);
    return rollForward.rows;
  },
}));

const day = (text: string) => text as CalendarDate;

beforeAll(async () => {
  await db.shopProfile.create({ data: { shop: SHOP, locale: "de-DE", timeZone: "Europe/Berlin", refreshedAt: NOW } });
  const seed = reportSeed(db, SHOP);
  const anna = await seed.contract(
    [
      { status: "paid", amount: 30_000n, dueDate: "2027-02-01" },
      { status: "overdue", amount: 50_000n, paid: 10_000n, dueDate: "2027-02-15" },
      { status: "scheduled", amount: 20_000n, dueDate: null },
    ],
    { currency: "EUR", customerId: "gid://shopify/Customer/7", customerName: "Anna Müller" },
  );
  await seed.contract([{ status: "invoiced", amount: 12_345n, dueDate: "2027-04-10" }], { currency: "EUR", customerName: FORMULA });
  await seed.contract([{ status: "invoiced", amount: 5_000n, dueDate: "2027-03-01" }], { currency: "JPY", customerEmail: "yen@example.com" });
  await seed.entry(anna, { currency: "EUR", amount: 30_000n, at: "2027-02-01T10:00:00Z" });
  await seed.entry(anna, { currency: "EUR", kind: "manualPayment", amount: 10_000n, at: "2027-03-31T21:30:00Z" });
  await seed.entry(anna, { currency: "EUR", kind: "refund", amount: 2_500n, at: "2027-03-05T10:00:00Z" });
  rollForward.rows = [
    row({ periodStart: day("2027-03-01"), periodEnd: day("2027-03-31"), openingMinor: 0n, invoicedBeforeShippingMinor: 40_000n, closingMinor: 40_000n }),
    row({
      periodStart: day("2027-04-01"),
      periodEnd: day("2027-04-30"),
      openingMinor: 40_000n,
      recognisedOnShippingMinor: 40_000n,
      revenueRecognisedMinor: 52_345n,
    }),
  ];
});

function row(figures: Partial<RollForwardRow> & Pick<RollForwardRow, "periodStart" | "periodEnd">): RollForwardRow {
  return {
    currency: "EUR",
    openingMinor: 0n,
    invoicedBeforeShippingMinor: 0n,
    recognisedOnShippingMinor: 0n,
    recognisedOnCancellationMinor: 0n,
    refundsAndCreditsMinor: 0n,
    movedToCustomerCreditMinor: 0n,
    closingMinor: 0n,
    revenueRecognisedMinor: 0n,
    ...figures,
  };
}

const args = (path: string, params: Record<string, string> = {}) => ({ request: new Request(`https://app.test${path}`), params, context: {} });
const data = async <T>(loader: (a: ReturnType<typeof args>) => Promise<Response>, path: string) => (await (await loader(args(path))).json()) as T;

async function csv(report: string, query = "") {
  const response = await csvLoader(args(`/app/reports/${report}.csv${query}`, { report }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = Buffer.from(bytes).toString("utf8");
  const records = response.ok ? (parse(Buffer.from(bytes), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[]) : [];
  return { response, bytes, text, records };
}

describe("the reports list", () => {
  it("shows each report's headline figure per currency, as of today in the shop's zone", async () => {
    const list = await data<Record<string, unknown>>(indexLoader, "/app/reports");
    expect(list).toEqual({
      today: "2027-04-01",
      owed: [
        { currency: "EUR", amount: "523.45" },
        { currency: "JPY", amount: "5000" },
      ],
      dueThisMonth: [
        { currency: "EUR", amount: "523.45" },
        { currency: "JPY", amount: "5000" },
      ],
      // 21:30 UTC on 31 March is 23:30 in Berlin: March's money, not April's.
      collectedThisMonth: [],
      deferredNow: [{ currency: "EUR", amount: "0.00" }],
    });
  });
});

describe("accounts-receivable aging", () => {
  it("loads the open amounts by customer and age, and downloads the same as CSV", async () => {
    interface Aging {
      query: { asOf: string };
      errors: string[];
      csvUrl: string;
      currencies: { currency: string; customers: { customer: string; buckets: string[]; total: string }[]; total: { buckets: string[]; total: string } }[];
    }
    const page = await data<Aging>(agingLoader, "/app/reports/aging");
    expect(page.query).toEqual({ asOf: "2027-04-01" });
    expect(page.csvUrl).toBe("/app/reports/aging.csv?asOf=2027-04-01");
    const eur = page.currencies.find((line) => line.currency === "EUR")!;
    expect(eur.customers.map((line) => [line.customer, line.buckets, line.total])).toEqual([
      // 45 days past due on 1 April.
      ["Anna Müller", ["0.00", "0.00", "400.00", "0.00", "0.00"], "400.00"],
      [FORMULA, ["123.45", "0.00", "0.00", "0.00", "0.00"], "123.45"],
    ]);

    const { response, bytes, records } = await csv("aging", "?asOf=2027-04-01");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="aging-2027-04-01.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records).toEqual([
      {
        Customer: "Anna Müller",
        Currency: "EUR",
        Current: "0.00",
        "1–30 days": "0.00",
        "31–60 days": "400.00",
        "61–90 days": "0.00",
        "Over 90 days": "0.00",
        Total: "400.00",
        "Open stages": "1",
      },
      {
        Customer: `'${FORMULA}`,
        Currency: "EUR",
        Current: "123.45",
        "1–30 days": "0.00",
        "31–60 days": "0.00",
        "61–90 days": "0.00",
        "Over 90 days": "0.00",
        Total: "123.45",
        "Open stages": "1",
      },
      {
        Customer: "Total",
        Currency: "EUR",
        Current: "123.45",
        "1–30 days": "0.00",
        "31–60 days": "400.00",
        "61–90 days": "0.00",
        "Over 90 days": "0.00",
        Total: "523.45",
        "Open stages": "2",
      },
      {
        Customer: "yen@example.com",
        Currency: "JPY",
        Current: "0",
        "1–30 days": "0",
        "31–60 days": "5000",
        "61–90 days": "0",
        "Over 90 days": "0",
        Total: "5000",
        "Open stages": "1",
      },
      {
        Customer: "Total",
        Currency: "JPY",
        Current: "0",
        "1–30 days": "0",
        "31–60 days": "5000",
        "61–90 days": "0",
        "Over 90 days": "0",
        Total: "5000",
        "Open stages": "1",
      },
    ]);
  });

  it("says in words what is wrong with a date, shows today's report instead, and refuses the CSV", async () => {
    const page = await data<{ query: { asOf: string }; errors: string[] }>(agingLoader, "/app/reports/aging?asOf=2027-02-30");
    expect(page.errors).toEqual(['As of: "2027-02-30" is not a date in the form YYYY-MM-DD, like 2027-03-31']);
    expect(page.query).toEqual({ asOf: "2027-04-01" });
    const { response, text } = await csv("aging", "?asOf=yesterday");
    expect(response.status).toBe(400);
    expect(text).toBe('The report could not be made: As of: "yesterday" is not a date in the form YYYY-MM-DD, like 2027-03-31.');
  });
});

describe("expected collections", () => {
  it("loads overdue, the months ahead, later and undated, and its CSV adds up to its total row", async () => {
    interface Collections {
      query: { period: string; count: number };
      currencies: { currency: string; buckets: { bucket: { kind: string; start?: string }; amount: string; stages: number }[]; total: string }[];
    }
    const page = await data<Collections>(collectionsLoader, "/app/reports/collections?period=month&count=2");
    expect(page.query).toEqual({ period: "month", count: 2 });
    const eur = page.currencies.find((line) => line.currency === "EUR")!;
    expect(eur.buckets.map(({ bucket, amount, stages }) => [bucket.start ?? bucket.kind, amount, stages])).toEqual([
      ["overdue", "400.00", 1],
      ["2027-04-01", "123.45", 1],
      ["2027-05-01", "0.00", 0],
      ["later", "0.00", 0],
      ["undated", "200.00", 1],
    ]);
    expect(eur.total).toBe("723.45");

    const { records } = await csv("collections", "?period=month&count=2");
    const eurRecords = records.filter((record) => record.Currency === "EUR");
    expect(eurRecords.map((record) => [record.Due, record["Period start"], record["Period end"], record.Amount, record.Stages])).toEqual([
      ["Overdue", "", "", "400.00", "1"],
      ["2027-04-01 to 2027-04-30", "2027-04-01", "2027-04-30", "123.45", "1"],
      ["2027-05-01 to 2027-05-31", "2027-05-01", "2027-05-31", "0.00", "0"],
      ["Later", "", "", "0.00", "0"],
      ["Undated", "", "", "200.00", "1"],
      ["Total", "", "", "723.45", "3"],
    ]);
  });

  it("refuses more periods ahead than it shows, in words", async () => {
    const page = await data<{ errors: string[]; query: unknown }>(collectionsLoader, "/app/reports/collections?period=week&count=99");
    expect(page.errors).toEqual(["Periods ahead: at most 52 weeks"]);
    expect(page.query).toEqual({ period: "week", count: 12 });
    expect((await csv("collections", "?period=fortnight")).text).toBe('The report could not be made: Period: choose "week" or "month".');
  });
});

describe("collected", () => {
  it("loads payments less refunds per month in the shop's zone, and downloads them", async () => {
    interface Collected {
      query: { period: string; from: string; to: string };
      currencies: { currency: string; periods: { start: string; net: string; paymentCount: number }[]; total: { net: string } }[];
    }
    const page = await data<Collected>(collectedLoader, "/app/reports/collected?from=2027-02-01&to=2027-03-31");
    expect(page.query).toEqual({ period: "month", from: "2027-02-01", to: "2027-03-31" });
    // The payment at 23:30 Berlin time on 31 March is March's.
    expect(page.currencies[0]!.periods.map((line) => [line.start, line.net, line.paymentCount])).toEqual([
      ["2027-02-01", "300.00", 1],
      ["2027-03-01", "75.00", 1],
    ]);
    const { records } = await csv("collected", "?from=2027-02-01&to=2027-03-31");
    expect(records.at(-1)).toEqual({
      Currency: "EUR",
      "Period start": "Total",
      "Period end": "",
      Payments: "400.00",
      "Payment count": "2",
      Refunds: "25.00",
      "Refund count": "1",
      "Net collected": "375.00",
    });
  });

  it("defaults to twelve months up to today and refuses a range that ends before it starts", async () => {
    const page = await data<{ query: unknown }>(collectedLoader, "/app/reports/collected");
    expect(page.query).toEqual({ period: "month", from: "2026-05-01", to: "2027-04-01" });
    const { response, text } = await csv("collected", "?from=2027-03-01&to=2027-02-01");
    expect(response.status).toBe(400);
    expect(text).toBe("The report could not be made: To: choose a day on or after From.");
  });
});

describe("deferred and recognised revenue", () => {
  it("shows the journal's roll-forward for the range asked, and downloads it", async () => {
    interface Deferred {
      query: unknown;
      currencies: { currency: string; periods: { start: string; amounts: string[] }[] }[];
    }
    rollForward.asked.length = 0;
    const page = await data<Deferred>(deferredLoader, "/app/reports/deferred-revenue?from=2027-03-01&to=2027-04-30");
    expect(rollForward.asked).toEqual([{ period: "month", from: "2027-03-01", to: "2027-04-30" }]);
    expect(page.currencies).toEqual([
      {
        currency: "EUR",
        periods: [
          { start: "2027-03-01", amounts: ["0.00", "400.00", "0.00", "0.00", "0.00", "0.00", "400.00", "0.00"] },
          { start: "2027-04-01", amounts: ["400.00", "0.00", "400.00", "0.00", "0.00", "0.00", "0.00", "523.45"] },
        ],
      },
    ]);
    const { records } = await csv("deferred-revenue", "?from=2027-03-01&to=2027-04-30");
    expect(records[1]).toEqual({
      Currency: "EUR",
      "Period start": "2027-04-01",
      "Period end": "2027-04-30",
      "Opening deferred revenue": "400.00",
      "Invoiced before shipping": "0.00",
      "Recognised on shipping": "400.00",
      "Recognised on cancellation": "0.00",
      "Refunds and credits": "0.00",
      "Moved to customer credit": "0.00",
      "Closing deferred revenue": "0.00",
      "Revenue recognised": "523.45",
    });
  });
});

it("answers 404 in words for a report that does not exist", async () => {
  const { response, text } = await csv("profit");
  expect(response.status).toBe(404);
  expect(text).toContain('There is no report called "profit"');
});
