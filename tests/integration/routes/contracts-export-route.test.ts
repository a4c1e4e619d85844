import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { action as listAction, loader as listLoader } from "../../../app/routes/app.contracts._index";
import { loader as exportLoader } from "../../../app/routes/app.contracts.export[.]csv";
import { createContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { scheduledOrder } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "export.myshopify.com";
const NOW = new Date("2027-03-01T10:00:00Z");
/** A name a spreadsheet would run; it sorts first whether the database's collation reads punctuation or skips it. */
const FORMULA = '=A1+HYPERLINK("http://evil.test")';

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    // The export and the list only read the database (the shop's format is stored fresh): no Shopify call.
    deps: {
      db,
      now: () => NOW,
      buyerMail: testBuyerMail(),
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

let euro: StoredContract;
let yen: StoredContract;
let dinar: StoredContract;

async function contract(draft: number, preset: string, currency: string, total: string, who: { name: string; email: string }, createdAt: string) {
  const plan = await createPlan(db, SHOP, { name: `Plan ${draft}`, config: { preset }, actor: "system" });
  const created = await createContract(db, SHOP, {
    planId: plan.id,
    draftOrderId: `gid://shopify/DraftOrder/${draft}`,
    sourceDraftName: `#D${draft}`,
    customerName: who.name,
    customerEmail: who.email,
    mode: "stageOrder",
    actor: "system",
    ...scheduledOrder(preset, { currency, total, taxLines: [] }),
  });
  await db.contract.update({ where: { id: created.id }, data: { createdAt: new Date(createdAt) } });
  return created;
}

beforeAll(async () => {
  // The shop's format as Shopify told it a minute ago: German numbers, Berlin's calendar.
  await db.shopProfile.create({ data: { shop: SHOP, locale: "de-DE", timeZone: "Europe/Berlin", refreshedAt: new Date(NOW.getTime() - 60_000) } });
  // 23:30 UTC on 14 January is already 15 January in Berlin.
  euro = await contract(1, "monthly-4", "EUR", "1200.00", { name: "Anna Müller", email: "anna@example.com" }, "2027-01-14T23:30:00Z");
  yen = await contract(2, "deposit-30-50-20-net30", "JPY", "120000", { name: FORMULA, email: "yen@example.com" }, "2027-01-20T09:00:00Z");
  dinar = await contract(3, "monthly-4", "KWD", "1200.000", { name: "Dinar Trading", email: "kwd@example.com" }, "2027-01-25T09:00:00Z");

  // The euro contract: its first installment paid 294.00 in time for a 2% early-payment discount, the second overdue on 1 March.
  await db.contract.update({ where: { id: euro.id }, data: { status: "active" } });
  await db.stage.update({ where: { id: euro.stages[0]!.id }, data: { status: "paid", paidMinor: euro.stages[0]!.amountMinor, discountMinor: 6_00n } });
  // The yen contract: its deposit invoiced, due in ten days, and Shopify refused a step of it.
  await db.stage.update({
    where: { id: yen.stages[0]!.id },
    data: { status: "invoiced", dueDate: "2027-03-10", parkedReason: "Shopify refused draftOrderCreate" },
  });
  // The dinar contract: cancelled, its stages with it.
  await db.contract.update({ where: { id: dinar.id }, data: { status: "cancelled" } });
  await db.stage.updateMany({ where: { contractId: dinar.id }, data: { status: "cancelled" } });
});

const exportArgs = (query: string) => ({ request: new Request(`https://app.test/app/contracts/export.csv${query}`), params: {}, context: {} });

async function exported(query: string): Promise<{ response: Response; bytes: Uint8Array; records: Record<string, string>[] }> {
  const response = await exportLoader(exportArgs(query));
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, records: parse(Buffer.from(bytes), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[] };
}

describe("the contracts CSV export", () => {
  it("answers a CSV attachment, one row per contract, newest first, amounts as plain decimals and dates as YYYY-MM-DD", async () => {
    const { response, bytes, records } = await exported("");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="contracts-2027-03-01.csv"');
    // A byte order mark, so that Excel reads "Müller" as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    expect(records.map((record) => record["Draft order"])).toEqual(["#D3", "#D2", "#D1"]);
    const [second] = euro.stages.slice(1);
    expect(records[2]).toEqual({
      "Draft order": "#D1",
      Order: "",
      Customer: "Anna Müller",
      Email: "anna@example.com",
      Status: "Active",
      Attention: "Overdue",
      Currency: "EUR",
      Total: "1200.00",
      // Money received: the discount is no payment.
      Paid: "294.00",
      Discount: "6.00",
      Refunded: "0.00",
      Outstanding: "900.00",
      "Next stage": second!.title,
      "Next due date": second!.dueDate,
      Created: "2027-01-15",
    });
    expect(second!.dueDate! < "2027-03-01").toBe(true);

    // Yen have no decimals; a name a spreadsheet would run as a formula is quoted out.
    expect(records[1]).toMatchObject({ Customer: `'${FORMULA}`, Total: "120000", Outstanding: "120000", Attention: "Needs attention" });
    // A cancelled contract is owed nothing; dinars have three decimals.
    expect(records[0]).toMatchObject({ Status: "Cancelled", Attention: "", Total: "1200.000", Outstanding: "0.000", "Next stage": "", "Next due date": "" });
  });

  it("exports the contracts staff picked, or those the list's filters match, in the list's sort", async () => {
    expect((await exported(`?ids=${yen.id}&ids=${euro.id}`)).records.map((record) => record["Draft order"])).toEqual(["#D2", "#D1"]);
    expect((await exported("?status=cancelled")).records.map((record) => record["Draft order"])).toEqual(["#D3"]);
    expect((await exported("?attention=needed")).records.map((record) => record["Draft order"])).toEqual(["#D2"]);
    expect((await exported("?due=overdue")).records.map((record) => record["Draft order"])).toEqual(["#D1"]);
    expect((await exported("?sort=customer+asc")).records.map((record) => record.Customer)).toEqual([`'${FORMULA}`, "Anna Müller", "Dinar Trading"]);
    const tooMany = await exportLoader(exportArgs(`?${Array.from({ length: 1_001 }, (_, index) => `ids=c${index}`).join("&")}`));
    expect(tooMany.status).toBe(400);
  });

  it("exports one row per stage with rows=stages", async () => {
    const { response, records } = await exported(`?rows=stages&ids=${euro.id}`);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="contract-stages-2027-03-01.csv"');
    expect(records).toHaveLength(euro.stages.length);
    expect(records.map((record) => [record.Stage, record.Status, record.Amount, record.Paid, record.Discount, record.Outstanding])).toEqual([
      ["1", "Paid", "300.00", "294.00", "6.00", "0.00"],
      ["2", "Scheduled", "300.00", "0.00", "0.00", "300.00"],
      ["3", "Scheduled", "300.00", "0.00", "0.00", "300.00"],
      ["4", "Scheduled", "300.00", "0.00", "0.00", "300.00"],
    ]);
    expect(records.every((record) => record["Draft order"] === "#D1" && record.Currency === "EUR")).toBe(true);
    expect(records.map((record) => record["Due date"])).toEqual(euro.stages.map((stage) => stage.dueDate ?? ""));
  });
});

interface ListData {
  rows: { id: string; name: string; badge: string; total: string; paid: string; nextStage: { dueDate: string | null } | null }[];
  countLabel: string;
  cancelledLeftOut: string | null;
  totals: { currency: string; contracts: string; paid: string; discount: string | null }[];
}

const list = async (query: string) =>
  (await (await listLoader({ request: new Request(`https://app.test/app/contracts${query}`), params: {}, context: {} })).json()) as ListData;

describe("the contracts list", () => {
  it("tells why a contract needs staff instead of its status, and filters those that do", async () => {
    const every = await list("");
    expect(every.rows.map((row) => [row.name, row.badge])).toEqual([
      ["#D3", "cancelled"],
      ["#D2", "needsAttention"],
      ["#D1", "overdue"],
    ]);
    expect((await list("?attention=needed")).rows.map((row) => row.name)).toEqual(["#D2"]);
    expect((await list("?attention=needed")).countLabel).toBe("1 contract");
  });

  it("sorts on the server by next due date, total and customer", async () => {
    expect((await list("?sort=nextDue+asc")).rows.map((row) => row.name)).toEqual(["#D1", "#D2", "#D3"]);
    // Each currency's contracts together: amounts in different currencies do not compare.
    expect((await list("?sort=total+desc")).rows.map((row) => row.name)).toEqual(["#D1", "#D2", "#D3"]);
    expect((await list("?sort=customer+desc")).rows.map((row) => row.name)).toEqual(["#D3", "#D1", "#D2"]);
    expect((await list("?sort=created+asc")).rows.map((row) => row.name)).toEqual(["#D1", "#D2", "#D3"]);
    // A sort that is not one of ours is the newest first.
    expect((await list("?sort=id+asc")).rows.map((row) => row.name)).toEqual(["#D3", "#D2", "#D1"]);
  });

  it("counts money as paid, an early-payment discount apart from it, in a row and in its currency's totals", async () => {
    const every = await list("");
    expect(every.rows.find((row) => row.name === "#D1")?.paid).toBe("294.00");
    expect(every.totals.map((line) => [line.currency, line.paid, line.discount])).toEqual([
      ["JPY", "0", null],
      ["EUR", "294.00", "6.00"],
    ]);
  });

  it("counts in the shop's locale and leaves cancelled contracts out of the totals", async () => {
    const every = await list("");
    expect(every.countLabel).toBe("3 contracts");
    expect(every.cancelledLeftOut).toBe("1 contract cancelled, not in the totals");
    expect(every.totals.map((line) => [line.currency, line.contracts])).toEqual([
      ["JPY", "1 contract"],
      ["EUR", "1 contract"],
    ]);
  });
});

describe("resending payment links from the list", () => {
  const resend = async (fields: [string, string][]) => {
    const body = new URLSearchParams([["intent", "resendLinks"], ...fields]);
    const response = await listAction({ request: new Request("https://app.test/app/contracts", { method: "POST", body }), params: {}, context: {} });
    return (await response.json()) as { tone: string; message: string };
  };

  it("reads every ticked contract and tells of each, here none with a link out to send again", async () => {
    expect(
      await resend([
        ["scope", "selected"],
        ["ids", euro.id],
        ["ids", dinar.id],
      ]),
    ).toEqual({
      tone: "warning",
      message: "No links resent: the 2 contracts have no open stage to send.",
    });
    expect(
      await resend([
        ["scope", "matching"],
        ["search", "status=cancelled"],
      ]),
    ).toEqual({
      tone: "warning",
      message: "No links resent: the contract has no open stage to send.",
    });
    expect((await resend([["scope", "selected"]])).tone).toBe("critical");
  });
});
