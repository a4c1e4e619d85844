import { afterAll, describe, expect, it, vi } from "vitest";

import type { ScheduleFormRow } from "../../../app/components/schedule/schedule-form";
import { listAudit } from "../../../app/models/audit-log.server";
import { getContract, updateContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { action, loader } from "../../../app/routes/app.contracts.$id_.schedule";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());
const SHOP = "schedule-edit.myshopify.com";

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:7",
    deps: {
      db: database.prisma,
      jobs,
      // No stage of these contracts has a stage draft in Shopify, so an edit withdraws nothing there.
      adminFor: async () =>
        ({
          request: async () => {
            throw new Error("no Shopify call is expected here");
          },
        }) as never,
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

const args = (id: string, init?: RequestInit) => ({
  request: new Request(`https://app.test/app/contracts/${id}/schedule`, init),
  params: { id },
  context: {},
});
const post = (id: string, fields: Record<string, string>) => args(id, { method: "POST", body: new URLSearchParams(fields) });
const postRows = (id: string, rows: readonly ScheduleFormRow[], extra: Record<string, string> = {}) =>
  action(post(id, { change: "rows", rows: JSON.stringify(rows), reason: "the buyer asked for more time", frozen: "1", ...extra }));

interface EditData {
  contract: { id: string; status: string };
  edit: {
    owed: string;
    frozen: { position: number; reason: string; why: string; amount: string }[];
    rows: ScheduleFormRow[];
    plans: { id: string; name: string; current: boolean }[];
    today: string;
  } | null;
}
const load = async (id: string) => (await (await loader(args(id))).json()) as EditData;

let drafts = 600;
/** The 30/50/20 contract (1200.00 EUR, 191.60 VAT) being collected, its 360.00 deposit paid. */
async function activeWithDepositPaid(): Promise<StoredContract> {
  drafts += 1;
  const seeded = await seedContract(database.prisma, SHOP, `gid://shopify/DraftOrder/${drafts}`);
  const active = await updateContract(database.prisma, SHOP, { id: seeded.id, version: seeded.version, changes: { status: "active" }, actor: "system" });
  const deposit = active.stages[0]!;
  await database.prisma.stage.update({ where: { id: deposit.id }, data: { status: "paid", paidMinor: deposit.amountMinor } });
  return (await getContract(database.prisma, SHOP, active.id))!;
}

const row = (change: Partial<ScheduleFormRow>): ScheduleFormRow => ({
  kind: "installment",
  title: "",
  amountMode: "fixed",
  amountValue: "",
  dueMode: "date",
  dueDate: "",
  milestone: "",
  after: "",
  netDays: "0",
  ...change,
});

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
const revisions = async (contractId: string) =>
  (await listAudit(database.prisma, SHOP, { contractId })).filter((entry) => entry.action === "contract.scheduleRevised");

describe("the schedule edit page", () => {
  it("shows the frozen stages with why, and the open stages as rows that restate them", async () => {
    const contract = await activeWithDepositPaid();
    const data = await load(contract.id);
    expect(data.edit).not.toBeNull();
    const edit = data.edit!;
    expect(edit.owed).toBe("840.00");
    expect(edit.today).toBe("2027-01-15");
    expect(edit.frozen).toEqual([expect.objectContaining({ position: 1, reason: "paid", why: "Paid", amount: "360.00" })]);
    expect(edit.rows).toEqual([
      row({ kind: "preShipping", title: contract.stages[1]!.title, amountValue: "600.00", dueMode: "milestone", milestone: "Ready to ship" }),
      row({ kind: "balance", title: contract.stages[2]!.title, amountValue: "240.00", dueMode: "orderFulfilled", netDays: "30" }),
    ]);
    expect(edit.plans).toContainEqual(expect.objectContaining({ id: contract.planId, current: true }));
  });

  it("says a deposit whose checkout link is out stays as it is", async () => {
    drafts += 1;
    const seeded = await seedContract(database.prisma, SHOP, `gid://shopify/DraftOrder/${drafts}`);
    await updateContract(database.prisma, SHOP, { id: seeded.id, version: seeded.version, changes: { status: "awaitingDeposit" }, actor: "system" });
    const edit = (await load(seeded.id)).edit!;
    expect(edit.frozen).toEqual([expect.objectContaining({ position: 1, reason: "charging", why: expect.stringMatching(/link is out/) })]);
    expect(edit.rows).toHaveLength(2);
  });

  it("saves the rows: the stages change, still add up to the total and its tax, and the audit keeps the reason", async () => {
    const contract = await activeWithDepositPaid();
    const answer = await postRows(contract.id, [
      row({ amountValue: "400.00", dueDate: "2027-02-15" }),
      row({ amountMode: "remainder", dueDate: "2027-03-15", netDays: "10" }),
      row({ kind: "balance", title: "After the fitting", amountValue: "100.00", dueMode: "milestone", milestone: "Fitting done", after: "1w" }),
    ]);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/app/contracts/${contract.id}?scheduleRevised=1`);

    const stored = (await getContract(database.prisma, SHOP, contract.id))!;
    expect(stored.stages.map((stage) => [stage.position, stage.status, stage.amountMinor, stage.dueDate])).toEqual([
      [1, "paid", 36_000n, contract.stages[0]!.dueDate],
      [2, "scheduled", 40_000n, "2027-02-15"],
      [3, "scheduled", 34_000n, "2027-03-15"],
      [4, "scheduled", 10_000n, null],
    ]);
    expect(stored.stages[2]!.issueDate).toBe("2027-03-05");
    expect(stored.stages[3]!).toMatchObject({ kind: "balance", title: "After the fitting" });
    expect(stored.stages[3]!.dueRule.trigger).toEqual({ trigger: { event: "milestone", milestone: "Fitting done" }, steps: [{ count: 1, unit: "week" }] });
    expect(sum(stored.stages.map((stage) => stage.amountMinor))).toBe(stored.totalMinor);
    expect(sum(stored.stages.map((stage) => stage.taxShares[0]!.amount))).toBe(19_160n);
    expect(stored.stages[0]!.taxShares).toEqual(contract.stages[0]!.taxShares);

    const audit = await revisions(contract.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe("staff:7");
    expect(audit[0]!.details).toMatchObject({
      reason: "the buyer asked for more time",
      changes: expect.arrayContaining([expect.objectContaining({ position: 4, change: "added" })]),
    });
  });

  it("saves the restated rows as they are without changing a stage", async () => {
    const contract = await activeWithDepositPaid();
    const { rows } = (await load(contract.id)).edit!;
    expect((await postRows(contract.id, rows)).status).toBe(302);
    const stored = (await getContract(database.prisma, SHOP, contract.id))!;
    const shape = (stages: StoredContract["stages"]) =>
      stages.map(({ position, kind, title, amountMinor, dueRule, issueDate, dueDate, taxShares }) => ({
        position,
        kind,
        title,
        amountMinor,
        dueRule,
        issueDate,
        dueDate,
        taxShares,
      }));
    expect(shape(stored.stages)).toEqual(shape(contract.stages));
  });

  it("puts what is owed on another plan", async () => {
    const contract = await activeWithDepositPaid();
    const monthly = await createPlan(database.prisma, SHOP, { name: "Monthly for edits", config: { preset: "monthly-4" }, actor: "system" });
    expect((await load(contract.id)).edit!.plans).toContainEqual(expect.objectContaining({ id: monthly.id, current: false }));
    const answer = await action(post(contract.id, { change: "plan", planId: monthly.id, reason: "monthly instead", frozen: "1" }));
    expect(answer.status).toBe(302);
    const stored = (await getContract(database.prisma, SHOP, contract.id))!;
    expect(stored.planId).toBe(monthly.id);
    expect(stored.stages).toHaveLength(5);
    expect(sum(stored.stages.map((stage) => stage.amountMinor))).toBe(stored.totalMinor);
  });

  it("answers 422 with each issue on its row and field, and changes nothing", async () => {
    const contract = await activeWithDepositPaid();
    const unchanged = async () => {
      const stored = (await getContract(database.prisma, SHOP, contract.id))!;
      expect(stored.version).toBe(contract.version);
      expect(stored.stages.map((stage) => [stage.position, stage.amountMinor, stage.dueDate])).toEqual(
        contract.stages.map((stage) => [stage.position, stage.amountMinor, stage.dueDate]),
      );
      expect(await revisions(contract.id)).toEqual([]);
    };

    // The rows do not add up to the 840.00 owed, and the second is due before today.
    const offAndPast = await postRows(contract.id, [
      row({ amountValue: "400.00", dueDate: "2027-02-15" }),
      row({ amountValue: "300.00", dueDate: "2027-01-01" }),
    ]);
    expect(offAndPast.status).toBe(422);
    const offAndPastBody = await offAndPast.json();
    expect(offAndPastBody.issues).toEqual(
      expect.arrayContaining([
        { row: 2, field: "due", message: expect.stringContaining("before today") },
        { field: "amount", message: expect.stringMatching(/700\.00 EUR, 140\.00 EUR less than the 840\.00 EUR still owed/) },
      ]),
    );
    await unchanged();

    // Texts that do not read: an amount, a missing date, net days, a step.
    const unreadable = await postRows(contract.id, [
      row({ amountValue: "4oo", dueDate: "2027-02-15" }),
      row({ amountMode: "remainder", dueDate: "", netDays: "x" }),
      row({ amountMode: "equal", dueMode: "orderFulfilled", after: "soon" }),
    ]);
    expect(unreadable.status).toBe(422);
    const unreadableBody = await unreadable.json();
    expect(unreadableBody.issues.map((issue) => [issue.row, issue.field])).toEqual([
      [1, "amount"],
      [2, "due"],
      [2, "due"],
      [3, "due"],
    ]);
    await unchanged();

    // No reason.
    const noReason = await postRows(contract.id, [row({ amountMode: "remainder", dueDate: "2027-02-15" })], { reason: " " });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ reasonError: "Say why the schedule changes; the contract's timeline keeps it", issues: [] });
    await unchanged();

    // A form built before a stage was paid.
    const stale = await postRows(contract.id, [row({ amountMode: "remainder", dueDate: "2027-02-15" })], { frozen: "" });
    expect(stale.status).toBe(422);
    expect(await stale.json()).toMatchObject({ message: expect.stringContaining("reload") });
    await unchanged();
  });

  it("refuses to change a cancelled contract's schedule", async () => {
    drafts += 1;
    const seeded = await seedContract(database.prisma, SHOP, `gid://shopify/DraftOrder/${drafts}`);
    const cancelled = await updateContract(database.prisma, SHOP, {
      id: seeded.id,
      version: seeded.version,
      changes: { status: "cancelled" },
      actor: "system",
    });
    expect((await load(cancelled.id)).edit).toBeNull();
    const refused = await postRows(cancelled.id, [row({ amountMode: "remainder", dueDate: "2027-02-15" })], { frozen: "" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining("cancelled contract cannot be changed"), issues: [] });
    const stored = (await getContract(database.prisma, SHOP, cancelled.id))!;
    expect(stored.version).toBe(cancelled.version);
    expect(stored.stages).toHaveLength(3);
    expect(await revisions(cancelled.id)).toEqual([]);
  });

  it("answers 404 for a contract of another shop or none", async () => {
    const foreign = await seedContract(database.prisma, "someone-else.myshopify.com", "gid://shopify/DraftOrder/699");
    await expect(loader(args(foreign.id))).rejects.toMatchObject({ status: 404 });
    await expect(loader(args("c-unknown"))).rejects.toMatchObject({ status: 404 });
    expect((await postRows(foreign.id, [])).status).toBe(422);
  });
});
