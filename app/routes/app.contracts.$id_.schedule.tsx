import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useMemo, useState } from "react";
import { z, ZodError } from "zod";

import { ErrorSummaryBanner } from "../components/forms/ErrorSummaryBanner";
import { asSentence } from "../components/forms/field-problems";
import { UnsavedChangesBar } from "../components/forms/UnsavedChangesBar";
import { useFieldVisibility } from "../components/forms/use-field-visibility";
import { CONTRACT_STATUS_LABELS } from "../components/StageStatusBadge";
import { FrozenStagesCard, type FrozenStageView } from "../components/schedule/FrozenStagesCard";
import { OwedTotalCheck } from "../components/schedule/OwedTotalCheck";
import { issueAt, RevisionRowsEditor } from "../components/schedule/RevisionRowsEditor";
import { scheduleFieldId, scheduleFieldKey, scheduleFieldProblems, type ScheduleIssue } from "../components/schedule/schedule-fields";
import { checkTotal, formRowOf, readFormRows, scheduleFormRowsSchema, type ScheduleFormRow } from "../components/schedule/schedule-form";
import { useShopFormat } from "../components/shop-format-context";
import { withShopDates } from "../locale/dates-in-text";
import { ScheduleRevisionError, type RevisionIssue } from "../domain/contract/revision-error";
import { frozenReason, restateOpenStages, splitContract, type FrozenReason } from "../domain/contract/schedule-revision";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { describeStageTiming } from "../domain/schedule/stage-timing";
import { getContract, type StoredContract } from "../models/contracts.server";
import { NotFoundError } from "../models/model-errors.server";
import { listPlans } from "../models/plans.server";
import { shopFormat } from "../models/shop-profile.server";
import { issueWords } from "../locale/zod-issue-words";
import { refusalMessage } from "../services/action-errors";
import { ContractActionError } from "../services/collection/contract-actions.server";
import { editSchedule, revisableContract, type ScheduleEditRequest } from "../services/collection/schedule-edit.server";
import { requireStaff } from "../staff-context.server";

// A flat route of its own (`$id_`), not a child of the contract page, which has no outlet.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit schedule · Contract ${data?.contract.draftName ?? ""} · Tranche` }];

/** The contract statuses whose schedule staff may change (as editSchedule allows). */
const EDITABLE_STATUSES: readonly string[] = ["active", "awaitingDeposit"];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const contract = await getContract(deps.db, shop, params.id ?? "");
  if (!contract) throw new Response("This contract does not exist in this shop.", { status: 404 });
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const summary = {
    id: contract.id,
    draftName: contract.sourceDraftName,
    status: contract.status,
    currency: contract.currency,
    total: money(contract.totalMinor),
  };
  if (!EDITABLE_STATUSES.includes(contract.status)) return json({ contract: summary, edit: null });

  const revisable = revisableContract(contract);
  const { frozen, owed } = splitContract(revisable);
  const [plans, { locale }] = await Promise.all([listPlans(deps.db, shop), shopFormat(deps, shop)]);
  return json({
    contract: summary,
    edit: {
      owed: money(owed),
      owedMinor: owed.toString(),
      frozen: frozen.map((stage): FrozenStageView & { reason: FrozenReason } => {
        const stored = contract.stages.find((candidate) => candidate.position === stage.position)!;
        const reason = frozenReason(stage)!;
        return {
          position: stage.position,
          title: stage.title,
          amount: money(stage.amount),
          due: describeStageTiming({ atCheckout: stage.position === 1 && contract.firstStageAtCheckout, dueDate: stage.dueDate, trigger: stage.trigger }),
          status: stored.status,
          partlyRefunded: stored.refundedMinor > 0n,
          reason,
          why: whyFrozen(reason, stored, money),
        };
      }),
      rows: restateOpenStages(revisable).map((row) => formRowOf(row, currency, locale)),
      plans: plans.map((plan) => ({ id: plan.id, name: plan.name, current: plan.id === contract.planId })),
      today: calendarDateAt(deps.now(), contract.timeZone),
    },
  });
};

/** Why an edit leaves a stage as it is, in words. */
function whyFrozen(reason: FrozenReason, stage: StoredContract["stages"][number], money: (minor: bigint) => string): string {
  switch (reason) {
    case "paid":
      return "Paid";
    case "refunded":
      return "Refunded";
    case "partlyPaid":
      return stage.refundedMinor > 0n
        ? `Partly paid: ${money(stage.paidMinor)} received, ${money(stage.refundedMinor)} given back`
        : `Partly paid: ${money(stage.paidMinor)} received`;
    case "charging":
      if (stage.chargeKey !== null) return "Being charged: a saved-card charge is on its way";
      if (stage.stageOrderId !== null) return "Being collected: its stage order was made, and Shopify cannot reprice it";
      return "Its link is out: the buyer's checkout asks for it as it is";
    case "cancelled":
      return "Cancelled: no longer owed";
  }
}

const reason = z
  .string()
  .trim()
  .min(1, "Say why the schedule changes; the contract's timeline keeps it")
  .max(500, "Keep the reason to 500 characters or fewer");
/** The frozen positions the form was built on ("1,3"), so a stage paid since is not edited around unseen. */
const basis = z.string().max(4000).optional();
const jsonText = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: z.ZodIssueCode.custom, message: "The stages could not be read; reload the page and try again" });
    return z.NEVER;
  }
});
const actionInput = z.discriminatedUnion("change", [
  z.object({ change: z.literal("rows"), rows: jsonText.pipe(scheduleFormRowsSchema), reason, frozen: basis }),
  z.object({ change: z.literal("plan"), planId: z.string().trim().min(1, "Choose the plan to put what is owed on"), reason, frozen: basis }),
]);

export interface ScheduleEditRefusal {
  readonly message: string;
  /** Each issue with the schedule, to show next to its row and field. */
  readonly issues: readonly RevisionIssue[];
  readonly reasonError: string | null;
}

/** The action's fields by what the page calls them, for a refusal that names one. */
const ACTION_FIELD_LABELS = { rows: "Stages", reason: "Reason", planId: "Plan", change: "What is still owed", frozen: "Stages that stay" };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const contractId = params.id ?? "";
  try {
    const contract = await getContract(deps.db, shop, contractId);
    if (!contract) throw new NotFoundError("contract", contractId);
    const input = actionInput.parse(Object.fromEntries(await request.formData()));
    if (input.frozen !== undefined && EDITABLE_STATUSES.includes(contract.status)) {
      const frozenNow = splitContract(revisableContract(contract)).frozen.map((stage) => stage.position);
      if (frozenNow.join(",") !== input.frozen) {
        throw new ContractActionError("a stage was paid, charged or cancelled since this page was loaded; reload it to see what is still owed");
      }
    }
    let change: ScheduleEditRequest["change"];
    if (input.change === "plan") change = { planId: input.planId };
    else {
      const read = readFormRows(input.rows, currencyFor(contract.currency), (await shopFormat(deps, shop)).locale);
      if (read.issues.length > 0) throw new ScheduleRevisionError(read.issues);
      change = { rows: read.rows };
    }
    await editSchedule(deps, shop, { contractId, change, reason: input.reason, actor });
    return redirect(`/app/contracts/${encodeURIComponent(contractId)}?scheduleRevised=1`);
  } catch (error) {
    const reasonIssue = error instanceof ZodError ? error.issues.find((issue) => issue.path[0] === "reason") : undefined;
    const refusal: ScheduleEditRefusal = {
      message: refusalMessage(error, ACTION_FIELD_LABELS),
      issues: error instanceof ScheduleRevisionError ? error.issues : [],
      reasonError: reasonIssue ? issueWords(reasonIssue) : null,
    };
    return json(refusal, { status: 422 });
  }
};

export default function EditSchedule() {
  const { contract, edit } = useLoaderData<typeof loader>();
  const contractUrl = `/app/contracts/${contract.id}`;
  if (!edit) {
    return (
      <Page title="Edit schedule" subtitle={contract.draftName ?? undefined} backAction={{ content: "Contract", url: contractUrl }}>
        <Banner tone="info" title="This schedule cannot change">
          <p>
            Only the schedule of a contract being collected (awaiting its deposit, or active) can change; this one is{" "}
            {(CONTRACT_STATUS_LABELS[contract.status] ?? contract.status).toLowerCase()}.
          </p>
        </Banner>
      </Page>
    );
  }
  // Fresh data (a stage paid meanwhile, a save) starts the form anew from what is owed now.
  return (
    <ScheduleEditForm
      key={`${edit.owedMinor}:${edit.frozen.map((stage) => stage.position).join(",")}`}
      contract={contract}
      edit={edit}
      contractUrl={contractUrl}
    />
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

interface ScheduleEditFormProps {
  readonly contract: LoaderData["contract"];
  readonly edit: NonNullable<LoaderData["edit"]>;
  readonly contractUrl: string;
}

function ScheduleEditForm({ contract, edit, contractUrl }: ScheduleEditFormProps) {
  const result = useActionData<typeof action>() as ScheduleEditRefusal | undefined;
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopFormatters = useShopFormat();
  const { locale } = shopFormatters.format;
  const visibility = useFieldVisibility();
  const [mode, setMode] = useState<"rows" | "plan">("rows");
  const [rows, setRows] = useState<ScheduleFormRow[]>(() => [...edit.rows]);
  const [planId, setPlanId] = useState("");
  const [reason, setReason] = useState("");
  // The server's issues show until the form is edited, and again when a new answer brings its own.
  const [dismissed, setDismissed] = useState<ScheduleEditRefusal | undefined>();
  const refusal = result !== dismissed ? result : undefined;
  const serverIssues = refusal?.issues ?? [];

  const currency = useMemo(() => currencyFor(contract.currency), [contract.currency]);
  const money = (minor: bigint) => shopFormatters.money(formatMinorUnits(minor, currency), contract.currency);
  const owed = BigInt(edit.owedMinor);
  const frozenPositions = edit.frozen.map((stage) => stage.position);
  const positions = freePositions(frozenPositions, rows.length);
  const check = useMemo(() => checkTotal(rows, owed, currency, locale), [rows, owed, currency, locale]);
  const adds = check.issues.length === 0 && check.sum === owed;

  // What the browser can tell before a save: texts that do not read, a total that is off, no reason, no plan chosen.
  const clientIssues: ScheduleIssue[] = [
    ...(mode === "rows" ? [...readFormRows(rows, currency, locale).issues, ...check.issues] : []),
    ...(mode === "plan" && planId === "" ? [{ field: "plan" as const, message: "Choose the plan to put what is owed on" }] : []),
    ...(reason.trim() === "" ? [{ field: "reason" as const, message: "Say why the schedule changes; the contract's timeline keeps it" }] : []),
  ];
  const visibleClientIssues = clientIssues.filter((issue) =>
    issue.row === undefined && issue.field !== "reason" && issue.field !== "plan"
      ? false
      : visibility.shown(scheduleFieldKey(issue.row, issue.field), issue.message) !== undefined,
  );
  const dated = (issue: ScheduleIssue): ScheduleIssue => ({ ...issue, message: withShopDates(issue.message, shopFormatters.date) });
  const shownIssues = [...visibleClientIssues, ...serverIssues].map(dated);
  const rowIssues = shownIssues.filter((issue): issue is ScheduleIssue & RevisionIssue => issue.field !== "reason");
  const reasonIssue = shownIssues.find((issue) => issue.field === "reason");
  const reasonError = reasonIssue ? asSentence(reasonIssue.message) : (refusal?.reasonError ?? undefined);
  // Issues with no place on the page as it is (a switched plan's dates, say) are listed in the refusal banner.
  const placed = (issue: ScheduleIssue) =>
    mode === "rows" ? issue.row !== undefined || issue.field === "amount" || issue.field === "stages" : issue.field === "plan" && issue.row === undefined;
  const unplaced = serverIssues.filter((issue) => !placed(issue)).map(dated);
  const summaryIssues = visibility.state.attempts > 0 ? shownIssues.filter((issue) => issue.field === "reason" || placed(issue)) : [];
  const summary = scheduleFieldProblems(
    refusal?.reasonError && !summaryIssues.some((issue) => issue.field === "reason")
      ? [...summaryIssues, { field: "reason", message: refusal.reasonError }]
      : summaryIssues,
    positions,
  );
  // What the rows add up to is said beside the total as staff type: a live check, not a field's error.
  const totalProblems = [...check.issues, ...(mode === "rows" ? serverIssues : [])]
    .filter((issue) => issue.row === undefined && (issue.field === "amount" || issue.field === "stages"))
    .map((issue) => asSentence(withShopDates(issue.message, shopFormatters.date)));

  const edited =
    <T,>(apply: (value: T) => void) =>
    (value: T) => {
      setDismissed(result);
      apply(value);
    };
  const save = () => {
    visibility.attempt();
    if (clientIssues.length > 0) return;
    const basis = { reason, frozen: frozenPositions.join(",") };
    submit(mode === "rows" ? { change: "rows", rows: JSON.stringify(rows), ...basis } : { change: "plan", planId, ...basis }, { method: "post" });
  };
  const discard = () => {
    setMode("rows");
    setRows([...edit.rows]);
    setPlanId("");
    setReason("");
    setDismissed(result);
    visibility.reset();
  };
  const dirty = mode !== "rows" || planId !== "" || reason !== "" || JSON.stringify(rows) !== JSON.stringify(edit.rows);
  const saving = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const planOptions = [
    { label: "Choose a plan", value: "" },
    ...edit.plans.map((plan) => ({ label: plan.current ? `${plan.name} (the contract's plan)` : plan.name, value: plan.id })),
  ];

  return (
    <Page
      title="Edit schedule"
      subtitle={[contract.draftName, `${money(owed)} still owed of ${shopFormatters.money(contract.total, contract.currency)}`].filter(Boolean).join(" · ")}
      backAction={{ content: "Contract", url: contractUrl }}
    >
      <BlockStack gap="400">
        <UnsavedChangesBar id="schedule-save-bar" dirty={dirty} saving={saving} onSave={save} onDiscard={discard} message="Unsaved changes to the schedule" />
        <Layout>
          {summary.length > 0 ? (
            <Layout.Section>
              <ErrorSummaryBanner problems={summary} attempt={visibility.state.attempts} />
            </Layout.Section>
          ) : null}
          {refusal && (unplaced.length > 0 || (serverIssues.length === 0 && !refusal.reasonError)) ? (
            <Layout.Section>
              <Banner tone="critical" title="The schedule was not saved">
                {unplaced.length > 0 ? (
                  <ul>
                    {unplaced.map((issue) => (
                      <li key={`${issue.row ?? ""}-${issue.field}-${issue.message}`}>{asSentence(issue.message)}</li>
                    ))}
                  </ul>
                ) : (
                  <p>{asSentence(withShopDates(refusal.message, shopFormatters.date))}</p>
                )}
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <FrozenStagesCard
              stages={edit.frozen.map((stage) => ({
                ...stage,
                amount: shopFormatters.money(stage.amount, contract.currency),
                due: withShopDates(stage.due, shopFormatters.date),
              }))}
            />
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="400">
                <ChoiceList
                  title="What is still owed"
                  choices={[
                    { label: "Change the stages", value: "rows", helpText: "Amounts, dates, rules and how many stages" },
                    { label: "Put it on another plan", value: "plan", helpText: "The plan's stages for what is owed, counted from today" },
                  ]}
                  selected={[mode]}
                  onChange={edited(([next]: string[]) => setMode(next === "plan" ? "plan" : "rows"))}
                />
                {mode === "rows" ? (
                  <BlockStack gap="400">
                    <RevisionRowsEditor
                      rows={rows}
                      positions={positions}
                      amounts={check.amounts.map(money)}
                      issues={rowIssues}
                      onBlurField={visibility.touch}
                      today={edit.today}
                      onChange={edited(setRows)}
                    />
                    <div id={scheduleFieldId(undefined, "stages")} tabIndex={-1}>
                      <OwedTotalCheck
                        sum={check.sum === null ? null : money(check.sum)}
                        owed={money(owed)}
                        adds={adds}
                        problems={[...new Set(totalProblems)]}
                      />
                    </div>
                  </BlockStack>
                ) : (
                  <Select
                    id={scheduleFieldId(undefined, "plan")}
                    label="Plan"
                    options={planOptions}
                    value={planId}
                    onChange={edited(setPlanId)}
                    onBlur={visibility.touch(scheduleFieldKey(undefined, "plan"))}
                    helpText={`Its stages share the ${money(owed)} still owed; the stages above stay as they are`}
                    error={issueAt(rowIssues, undefined, "plan")}
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <TextField
                  id={scheduleFieldId(undefined, "reason")}
                  label="Reason"
                  helpText="Kept in the contract's timeline with every stage before and after; the buyer is told of the new schedule"
                  autoComplete="off"
                  value={reason}
                  onChange={edited(setReason)}
                  onBlur={visibility.touch(scheduleFieldKey(undefined, "reason"))}
                  error={reasonError}
                  requiredIndicator
                />
                <InlineStack gap="200">
                  <Button variant="primary" onClick={save} loading={saving}>
                    Save schedule
                  </Button>
                  <Button url={contractUrl}>Cancel</Button>
                </InlineStack>
                <Text as="p" tone="subdued">
                  Changed stages start over: their open links are withdrawn and they are invoiced anew when they fall due.
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

/** The positions the rows take, as reviseSchedule gives them: the lowest that no frozen stage holds, in order. */
function freePositions(frozen: readonly number[], count: number): number[] {
  const taken = new Set(frozen);
  const positions: number[] = [];
  for (let position = 1; positions.length < count; position++) if (!taken.has(position)) positions.push(position);
  return positions;
}
