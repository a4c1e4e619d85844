import { afterAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "../../../app/models/audit-log.server";
import { archivePlan, createPlan, getPlan } from "../../../app/models/plans.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { action as listAction, loader as listLoader } from "../../../app/routes/app.plans._index";
import { action as editAction, loader as editLoader } from "../../../app/routes/app.plans.$id";
import { action as newAction, loader as newLoader } from "../../../app/routes/app.plans.new";
import { planDraftConfig, presetPlanDraft, type PlanDraft } from "../../../app/plan-editor/plan-draft";
import { EMPTY_PAYMENT_RULES_FIELDS } from "../../../app/components/plans/payment-rules-fields";
import { newStageRow } from "../../../app/plan-editor/stage-rows";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());

let currentShop = "plans-routes.myshopify.com";

// The routes authenticate through requireStaff; here it is the signed-in staff member of `currentShop`.
vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: currentShop,
    actor: "staff:7",
    deps: {
      db: database.prisma,
      jobs,
      adminFor: () => {
        throw new Error("the plan pages never call Shopify");
      },
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

function useShop(name: string): string {
  currentShop = `${name}.myshopify.com`;
  return currentShop;
}

const routeArgs = (url: string, init?: RequestInit, params: Record<string, string> = {}) => ({
  request: new Request(`https://app.test${url}`, init),
  params,
  context: {},
});

function post(url: string, fields: Record<string, string>, params: Record<string, string> = {}) {
  return routeArgs(url, { method: "POST", body: new URLSearchParams(fields) }, params);
}

const savePost = (name: string, draft: PlanDraft | string) => ({ name, draft: typeof draft === "string" ? draft : JSON.stringify(draft) });

const depositDraft: PlanDraft = {
  syntax: "stages",
  stages: [
    newStageRow({ kind: "deposit", shareKind: "percent", shareValue: "40", dueKind: "checkout" }),
    newStageRow({ kind: "balance", shareKind: "remainder", dueKind: "after", dueSteps: "30d" }),
  ],
};

/** Runs an action that must throw a Response (a redirect or a 404) and returns it. */
async function thrownResponse(run: Promise<unknown>): Promise<Response> {
  const thrown = await run.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

describe("/app/plans/new", () => {
  it("starts blank, or from a preset's stages and name", async () => {
    useShop("new-loader");
    const blank = await newLoader(routeArgs("/app/plans/new"));
    expect(blank).toMatchObject({ name: "", today: "2027-01-15", draft: { syntax: "stages" } });

    const preset = await newLoader(routeArgs("/app/plans/new?preset=monthly-4"));
    expect(preset).toEqual({ name: "4 monthly payments", draft: presetPlanDraft("monthly-4"), today: "2027-01-15" });

    expect((await newLoader(routeArgs("/app/plans/new?preset=nope"))).name).toBe("");
  });

  it("saves a valid plan and redirects to the list, which names it", async () => {
    const shop = useShop("new-save");
    const response = await newAction(post("/app/plans/new", savePost("Deposit 40", depositDraft)));
    expect(response).toBeInstanceOf(Response);
    const location = (response as Response).headers.get("Location") ?? "";
    expect(location).toMatch(/^\/app\/plans\?created=/);

    const [stored] = await database.prisma.plan.findMany({ where: { shop } });
    expect(stored).toMatchObject({ name: "Deposit 40", syntax: "stages" });
    expect(JSON.parse(stored!.source)).toEqual({
      stages: [
        { kind: "deposit", share: { percent: "40" }, due: "checkout" },
        { kind: "balance", share: "remainder", due: { after: "30d", from: "orderDate" } },
      ],
    });

    const list = await listLoader(routeArgs(location));
    expect(list.createdName).toBe("Deposit 40");
    expect(list.plans).toEqual([
      {
        id: stored!.id,
        name: "Deposit 40",
        syntax: "stages",
        summary: "40% at checkout · the rest 30 days after the order date",
        contracts: 0,
        archived: false,
      },
    ]);
  });

  it("answers with the engine's error on the field it names, and stores nothing", async () => {
    const shop = useShop("new-invalid");
    const badPercent: PlanDraft = { syntax: "stages", stages: [newStageRow({ shareKind: "percent", shareValue: "120" }), newStageRow()] };
    expect(await newAction(post("/app/plans/new", savePost("Too much", badPercent)))).toEqual({
      errors: [{ field: "stages.0.share", message: "120% is not a rate above 0 and at most 100" }],
    });

    const justOn: PlanDraft = { syntax: "juston", juston: { period: "1m(3)", dateReference: "", rate: "50,2x", amount: "", titles: "" } };
    expect(await newAction(post("/app/plans/new", savePost("JustOn", justOn)))).toEqual({
      errors: [{ field: "juston.rate", message: '"2x" is not a percentage (column 4)' }],
    });

    expect(await newAction(post("/app/plans/new", savePost("  ", depositDraft)))).toEqual({ errors: [{ field: "name", message: "Give the plan a name" }] });
    expect(await newAction(post("/app/plans/new", savePost("Forged", '{"syntax": "yaml"}')))).toEqual({
      errors: [{ field: "plan", message: "The form could not be read. Reload the page and try again." }],
    });
    expect(await newAction(post("/app/plans/new", { name: "No draft" }))).toMatchObject({ errors: [{ field: "plan" }] });
    expect(await database.prisma.plan.count({ where: { shop } })).toBe(0);
  });

  it("puts a name already in use on the name field", async () => {
    useShop("new-taken");
    await newAction(post("/app/plans/new", savePost("Deposit", depositDraft)));
    expect(await newAction(post("/app/plans/new", savePost("deposit", depositDraft)))).toEqual({
      errors: [{ field: "name", message: 'a plan named "deposit" already exists; choose another name or archive that plan first' }],
    });
  });
});

describe("/app/plans/:id", () => {
  it("opens a stored plan in the editor its source is written for; another shop's plan is a 404", async () => {
    const shop = useShop("edit-loader");
    const plan = await createPlan(database.prisma, shop, { name: "Quarterly", config: '{"period": "3m(4)", "rate": "25(4)"}', actor: "staff:7" });
    const loaded = await editLoader(routeArgs(`/app/plans/${plan.id}`, undefined, { id: plan.id }));
    expect(loaded).toMatchObject({
      plan: { id: plan.id, name: "Quarterly", archived: false },
      draft: { syntax: "juston", juston: { period: "3m(4)", rate: "25(4)", amount: "", dateReference: "", titles: "" } },
      contracts: 0,
      duplicated: false,
    });

    useShop("someone-else");
    expect((await thrownResponse(editLoader(routeArgs(`/app/plans/${plan.id}`, undefined, { id: plan.id })))).status).toBe(404);
  });

  it("saves name and config again through the engine, keeping JSON text verbatim", async () => {
    const shop = useShop("edit-save");
    const plan = await createPlan(database.prisma, shop, { name: "Monthly", config: { preset: "monthly-4" }, actor: "staff:7" });
    const text = '{ "period": "1m(6)" }';
    const saved = await editAction(post(`/app/plans/${plan.id}`, savePost("Six months", { syntax: "json", text }), { id: plan.id }));
    expect(saved).toEqual({ outcome: { tone: "success", message: 'Plan "Six months" saved.' } });
    expect(await getPlan(database.prisma, shop, plan.id)).toMatchObject({ name: "Six months", syntax: "juston", source: text });

    const invalid = await editAction(
      post(`/app/plans/${plan.id}`, savePost("Six months", { syntax: "json", text: '{"period": "1m(6)", "rate": "10(6)"}' }), { id: plan.id }),
    );
    expect(invalid).toMatchObject({ errors: [{ field: "json", message: expect.stringMatching(/^rate/) }] });
    expect((await getPlan(database.prisma, shop, plan.id))?.source).toBe(text);
  });

  it("counts the contracts made from the plan", async () => {
    const shop = useShop("edit-contracts");
    const contract = await seedContract(database.prisma, shop, "gid://shopify/DraftOrder/1");
    const loaded = await editLoader(routeArgs(`/app/plans/${contract.planId}`, undefined, { id: contract.planId }));
    expect(loaded.contracts).toBe(1);
    expect((await listLoader(routeArgs("/app/plans"))).plans[0]).toMatchObject({ id: contract.planId, contracts: 1, syntax: "preset" });
  });
});

describe("payment rules and date steps through the plan form", () => {
  const paymentRules = {
    earlyPayment: { percent: "2", withinDays: 10 },
    lateFee: { percentPerMonth: "1.5", compound: false, graceDays: 5, max: "100.00" },
    cashRounding: "0.05",
  };

  it("stores the section's paymentRules beside the stages, summarises them and loads them back into the section", async () => {
    const shop = useShop("rules-save");
    const response = await newAction(post("/app/plans/new", { ...savePost("With rules", depositDraft), paymentRules: JSON.stringify(paymentRules) }));
    expect(response).toBeInstanceOf(Response);
    const [stored] = await database.prisma.plan.findMany({ where: { shop } });
    expect(JSON.parse(stored!.source)).toEqual({ stages: JSON.parse(JSON.stringify(planDraftConfig(depositDraft))).stages, paymentRules });

    const list = await listLoader(routeArgs("/app/plans"));
    expect(list.plans[0]?.summary).toBe(
      "40% at checkout · the rest 30 days after the order date · 2% off if paid within 10 days · 1.5% a month late after 5 days · rounded to 0.05",
    );

    const loaded = await editLoader(routeArgs(`/app/plans/${stored!.id}`, undefined, { id: stored!.id }));
    expect(loaded.draft).toEqual(depositDraft);
    expect(loaded.paymentRules).toEqual({
      ...EMPTY_PAYMENT_RULES_FIELDS,
      earlyPercent: "2",
      earlyWithinDays: "10",
      lateFeeKind: "percentPerMonth",
      lateFeePercent: "1.5",
      lateFeeGraceDays: "5",
      lateFeeMax: "100",
      cashUnit: "0.05",
    });

    // Saving without rules (the section emptied) takes them off the plan.
    const saved = await editAction(post(`/app/plans/${stored!.id}`, { ...savePost("With rules", depositDraft), paymentRules: "null" }, { id: stored!.id }));
    expect(saved).toMatchObject({ outcome: { tone: "success" } });
    expect(JSON.parse((await getPlan(database.prisma, shop, stored!.id))!.source)).not.toHaveProperty("paymentRules");
  });

  it("saves stage rows with date steps and a spread through the action, and opens them again in the stage form", async () => {
    const shop = useShop("rules-stage-steps");
    const draft: PlanDraft = {
      syntax: "stages",
      stages: [
        newStageRow({ kind: "deposit", shareKind: "percent", shareValue: "20", dueKind: "checkout" }),
        newStageRow({ shareKind: "percent", shareValue: "30", dueKind: "after", dueSteps: "end of month, 10d" }),
        newStageRow({ shareKind: "equal", dueKind: "spread", spreadUntil: "after", dueSteps: "6m", count: "3" }),
      ],
    };
    const posted = { ...savePost("Steps and spread", draft), paymentRules: JSON.stringify({ cashRounding: "0.05" }) };
    expect(await newAction(post("/app/plans/new", posted))).toBeInstanceOf(Response);
    const [stored] = await database.prisma.plan.findMany({ where: { shop } });
    expect(JSON.parse(stored!.source)).toEqual({
      stages: [
        { kind: "deposit", share: { percent: "20" }, due: "checkout" },
        { kind: "installment", share: { percent: "30" }, due: { after: ["end of month", "10d"], from: "orderDate" } },
        { kind: "installment", share: "equal", due: { spread: { until: { after: "6m" }, from: "orderDate" } }, count: 3 },
      ],
      paymentRules: { cashRounding: "0.05" },
    });
    const loaded = await editLoader(routeArgs(`/app/plans/${stored!.id}`, undefined, { id: stored!.id }));
    expect(loaded.draft).toEqual(draft);
    expect(loaded.paymentRules).toEqual({ ...EMPTY_PAYMENT_RULES_FIELDS, cashUnit: "0.05" });

    const badSteps: PlanDraft = { syntax: "stages", stages: [newStageRow({ dueKind: "after", dueSteps: "30d, next month" })] };
    expect(await newAction(post("/app/plans/new", savePost("Bad steps", badSteps)))).toEqual({
      errors: [{ field: "stages.0.due", message: "“next month” is not a step. Write steps such as 30d, 2w, 1m, day 15, end of month or next day 5/20" }],
    });
  });

  it("answers a refused rule on its field in the section, and stores nothing", async () => {
    const shop = useShop("rules-invalid");
    const tooMuch = { ...savePost("Rules", depositDraft), paymentRules: JSON.stringify({ earlyPayment: { percent: "100", withinDays: 10 } }) };
    expect(await newAction(post("/app/plans/new", tooMuch))).toEqual({
      errors: [{ field: "paymentRules.earlyPayment.percent", message: "100% is not a discount above 0 and below 100" }],
    });
    const bothFees = { ...savePost("Rules", depositDraft), paymentRules: JSON.stringify({ lateFee: { fixed: "25", percentPerMonth: "1" } }) };
    expect(await newAction(post("/app/plans/new", bothFees))).toMatchObject({ errors: [{ field: "paymentRules.lateFee.graceDays" }] });
    expect(await newAction(post("/app/plans/new", { ...savePost("Rules", depositDraft), paymentRules: "[1" }))).toMatchObject({ errors: [{ field: "plan" }] });
    expect(await database.prisma.plan.count({ where: { shop } })).toBe(0);
  });

  it("saves a JSON plan with date steps, a spread and payment rules verbatim; one the form cannot show opens as JSON, the section blank", async () => {
    const shop = useShop("rules-steps");
    const text = JSON.stringify({
      stages: [
        { kind: "deposit", share: { percent: "20" }, due: "checkout" },
        { share: { percent: "30" }, due: { after: ["end of month", "10d"] } },
        { share: "equal", due: { spread: { until: { after: "6m" } } }, count: 3 },
        // A recurrence counted from a chosen stage has no field in the stage form.
        { share: "equal", due: { every: "1m", anchor: 2 } },
      ],
      paymentRules,
    });
    // A JSON draft's text holds its own rules: a section posted beside it is not added.
    const posted = { ...savePost("Steps", { syntax: "json", text }), paymentRules: JSON.stringify({ cashRounding: "1" }) };
    expect(await newAction(post("/app/plans/new", posted))).toBeInstanceOf(Response);
    const [stored] = await database.prisma.plan.findMany({ where: { shop } });
    expect(stored!.source).toBe(text);
    expect((await listLoader(routeArgs("/app/plans"))).plans[0]?.summary).toBe(
      "20% at checkout · 30% at the end of the month + 10 days after the order date · 3 × equal share spread evenly from the order date to 6 months after the start · equal share every month · 2% off if paid within 10 days · 1.5% a month late after 5 days · rounded to 0.05",
    );

    const loaded = await editLoader(routeArgs(`/app/plans/${stored!.id}`, undefined, { id: stored!.id }));
    expect(loaded).toMatchObject({ draft: { syntax: "json", text }, paymentRules: EMPTY_PAYMENT_RULES_FIELDS });
  });
});

describe("plan actions: archive, unarchive, duplicate", () => {
  it("archives and unarchives from the list, with an audit entry each, and filters by status", async () => {
    const shop = useShop("archive");
    const plan = await createPlan(database.prisma, shop, { name: "Old", config: { preset: "monthly-4" }, actor: "staff:7" });

    expect(await listAction(post("/app/plans", { intent: "archive", planId: plan.id }))).toEqual({
      tone: "success",
      message: '"Old" is archived: new contracts can no longer use it.',
    });
    expect(await listLoader(routeArgs("/app/plans"))).toMatchObject({ plans: [], activeCount: 0, archivedCount: 1 });
    expect((await listLoader(routeArgs("/app/plans?status=archived"))).plans).toMatchObject([{ id: plan.id, archived: true }]);

    expect(await listAction(post("/app/plans", { intent: "unarchive", planId: plan.id }))).toEqual({ tone: "success", message: '"Old" is active again.' });
    expect((await listLoader(routeArgs("/app/plans"))).plans).toMatchObject([{ id: plan.id, archived: false }]);
    expect((await listAudit(database.prisma, shop, { planId: plan.id })).map((entry) => entry.action)).toEqual([
      "plan.unarchived",
      "plan.archived",
      "plan.created",
    ]);

    // Unarchiving twice changes nothing and writes nothing.
    await listAction(post("/app/plans", { intent: "unarchive", planId: plan.id }));
    expect(await listAudit(database.prisma, shop, { planId: plan.id })).toHaveLength(3);
  });

  it("refuses to unarchive a plan whose name an active plan took meanwhile", async () => {
    const shop = useShop("unarchive-taken");
    const old = await createPlan(database.prisma, shop, { name: "Deposit", config: { preset: "monthly-4" }, actor: "staff:7" });
    await archivePlan(database.prisma, shop, old.id, "staff:7");
    await createPlan(database.prisma, shop, { name: "Deposit", config: { preset: "monthly-4" }, actor: "staff:7" });
    expect(await listAction(post("/app/plans", { intent: "unarchive", planId: old.id }))).toEqual({
      tone: "critical",
      message: 'a plan named "Deposit" already exists; choose another name or archive that plan first',
    });
    expect((await getPlan(database.prisma, shop, old.id))?.archivedAt).not.toBeNull();
  });

  it("duplicates into a new plan and opens it; actions on the plan page work the same", async () => {
    const shop = useShop("duplicate");
    const plan = await createPlan(database.prisma, shop, { name: "Base", config: { preset: "monthly-4" }, actor: "staff:7" });
    const redirect = await thrownResponse(listAction(post("/app/plans", { intent: "duplicate", planId: plan.id })));
    expect(redirect.status).toBe(302);
    const copy = (await database.prisma.plan.findMany({ where: { shop, name: "Base (copy)" } }))[0];
    expect(redirect.headers.get("Location")).toBe(`/app/plans/${copy?.id}?duplicated=1`);
    expect((await editLoader(routeArgs(`/app/plans/${copy?.id}?duplicated=1`, undefined, { id: copy!.id }))).duplicated).toBe(true);

    expect(await editAction(post(`/app/plans/${plan.id}`, { intent: "archive", planId: plan.id }, { id: plan.id }))).toEqual({
      outcome: { tone: "success", message: '"Base" is archived: new contracts can no longer use it.' },
    });
  });

  it("answers 404 for an unknown plan and a message for an unknown intent", async () => {
    useShop("unknown");
    expect((await thrownResponse(listAction(post("/app/plans", { intent: "archive", planId: "nope" })))).status).toBe(404);
    expect(await listAction(post("/app/plans", { intent: "delete", planId: "nope" }))).toMatchObject({ tone: "critical" });
  });
});
