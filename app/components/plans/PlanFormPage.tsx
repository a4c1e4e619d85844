import { useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, ChoiceList, Layout, Page, Text, TextField, type PageProps } from "@shopify/polaris";
import { useMemo, useState, type ReactNode } from "react";

import { checkPlanDraft } from "../../plan-editor/plan-draft-check";
import { planFormError, type PlanFormError } from "../../plan-editor/plan-draft-errors";
import type { SampleOrder } from "../../domain/plan/plan-draft-preview";
import {
  compilePlanDraft,
  EMPTY_JUSTON_FIELDS,
  newPlanDraft,
  planDraftConfig,
  planDraftFromSource,
  type PlanDraft,
  type PlanDraftSyntax,
} from "../../plan-editor/plan-draft";
import { PlanError } from "../../domain/plan-error";
import { withShopDates } from "../../locale/dates-in-text";
import { ErrorSummaryBanner } from "../forms/ErrorSummaryBanner";
import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { useFieldVisibility, type FieldVisibilityControls } from "../forms/use-field-visibility";
import { useShopFormat } from "../shop-format-context";
import { fieldErrors, type FieldErrors } from "./field-errors";
import { JustOnFieldsEditor } from "./JustOnFieldsEditor";
import { planErrorText, planFieldId, planFieldProblems } from "./plan-form-fields";
import { decimalForInput } from "../../locale/amount-input";
import { draftForEngine, draftForInput, sampleForEngine } from "./plan-typed-numbers";
import { SchedulePreviewCard } from "./SchedulePreviewCard";
import { StageRowsEditor } from "./StageRowsEditor";

interface PlanFormPageProps {
  readonly title: string;
  readonly titleMetadata?: PageProps["titleMetadata"];
  readonly initialName: string;
  readonly initialDraft: PlanDraft;
  /** `YYYY-MM-DD`: the sample order's date, from the server so the first render matches the browser's. */
  readonly today: string;
  /** The server's answer to the last save; shown until the form changes. */
  readonly serverErrors: readonly PlanFormError[] | undefined;
  readonly secondaryActions?: PageProps["secondaryActions"];
  /** Banners above the form (saved, archived, …). */
  readonly notices?: ReactNode;
}

const SYNTAX_CHOICES: { label: string; value: PlanDraftSyntax; helpText: string }[] = [
  { label: "Stages", value: "stages", helpText: "A row per stage: its share, when it is due and its net terms" },
  { label: "JustOn keys", value: "juston", helpText: "period, dateReference, rate, amount and titles, as in JustOn" },
  { label: "JSON config", value: "json", helpText: "The engine's JSON: stages, JustOn keys or a preset by id" },
];

const NAME_MISSING: PlanFormError = { field: "name", message: "Give the plan a name" };

/**
 * The plan form (name, the plan in one of three editors) beside a live preview; posts `name` and `draft`. The engine
 * checks the plan on every change, but an error shows only once its field was left or a save was tried; a save with
 * errors the server would refuse too is not sent, and the summary at the top links to each field.
 */
export function PlanFormPage({ title, titleMetadata, initialName, initialDraft, today, serverErrors, secondaryActions, notices }: PlanFormPageProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopFormat = useShopFormat();
  const locale = shopFormat.format.locale;
  const visibility = useFieldVisibility();
  const initial = useMemo(
    () => ({ name: initialName, syntax: initialDraft.syntax, drafts: draftsStartingWith(draftForInput(initialDraft, locale), locale) }),
    [initialName, initialDraft, locale],
  );
  const [name, setName] = useState(initial.name);
  const [drafts, setDrafts] = useState(initial.drafts);
  const [syntax, setSyntax] = useState<PlanDraftSyntax>(initial.syntax);
  const [sample, setSample] = useState<SampleOrder>(() => ({
    amount: decimalForInput("10000", locale),
    currency: "USD",
    orderDate: today,
    paymentDueDate: "",
    taxTitle: "",
    taxAmount: "",
    dates: {},
  }));
  // The server's errors show until the form is edited, and again when a new answer brings its own.
  const [dismissedServerErrors, setDismissedServerErrors] = useState<PlanFormPageProps["serverErrors"]>();
  const showServerErrors = serverErrors !== dismissedServerErrors;

  const draft = drafts[syntax];
  const forEngine = useMemo(() => draftForEngine(draft, locale), [draft, locale]);
  const sampleRead = useMemo(() => sampleForEngine(sample, locale), [sample, locale]);
  const check = useMemo(() => checkPlanDraft(forEngine.draft, sampleRead.sample, new Date(`${today}T12:00:00Z`)), [forEngine, sampleRead, today]);
  const nameErrors = name.trim() === "" ? [NAME_MISSING] : [];
  const errors = fieldErrors([...nameErrors, ...forEngine.errors, ...sampleRead.errors, ...check.errors, ...(showServerErrors ? (serverErrors ?? []) : [])]);
  const shownErrors = visibleErrors(errors, visibility, (field, message) => asSentence(withShopDates(planErrorText(field, message, syntax), shopFormat.date)));
  const summary = visibility.state.attempts > 0 ? planFieldProblems(withoutSample(shownErrors), draft) : [];

  const edit =
    <T,>(apply: (value: T) => void) =>
    (value: T) => {
      setDismissedServerErrors(serverErrors);
      apply(value);
    };
  const chooseSyntax = edit((next: PlanDraftSyntax) => {
    setDrafts((current) => carryOver(current, syntax, next, locale));
    setSyntax(next);
  });
  const save = () => {
    visibility.attempt();
    // What the server would refuse as well is not sent: the summary says what to fix.
    if ([...nameErrors, ...forEngine.errors, ...compileErrors(forEngine.draft)].length > 0) return;
    submit({ name, draft: JSON.stringify(forEngine.draft) }, { method: "post" });
  };
  const discard = () => {
    setName(initial.name);
    setDrafts(initial.drafts);
    setSyntax(initial.syntax);
    setDismissedServerErrors(serverErrors);
    visibility.reset();
  };
  const dirty = JSON.stringify([name, syntax, draft]) !== JSON.stringify([initial.name, initial.syntax, initial.drafts[initial.syntax]]);
  const saving = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post" && navigation.formData?.has("draft") === true;

  return (
    <Page
      title={title}
      titleMetadata={titleMetadata}
      backAction={{ content: "Plans", url: "/app/plans" }}
      primaryAction={{ content: "Save plan", onAction: save, loading: saving }}
      secondaryActions={secondaryActions}
    >
      <BlockStack gap="400">
        <UnsavedChangesBar id="plan-form-save-bar" dirty={dirty} saving={saving} onSave={save} onDiscard={discard} message="Unsaved changes to this plan" />
        <Layout>
          {summary.length > 0 ? (
            <Layout.Section>
              <ErrorSummaryBanner problems={summary} attempt={visibility.state.attempts} />
            </Layout.Section>
          ) : null}
          {notices ? <Layout.Section>{notices}</Layout.Section> : null}
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="400">
                  <TextField
                    id={planFieldId("name")}
                    label="Plan name"
                    autoComplete="off"
                    value={name}
                    onChange={edit(setName)}
                    onBlur={visibility.touch("name")}
                    error={shownErrors.get("name")}
                    helpText="Staff pick plans by name when they attach one to a draft order"
                  />
                  <ChoiceList
                    title="Write the plan as"
                    choices={SYNTAX_CHOICES}
                    selected={[syntax]}
                    onChange={([next]) => next && chooseSyntax(next as PlanDraftSyntax)}
                  />
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    {SYNTAX_CHOICES.find((choice) => choice.value === syntax)?.label}
                  </Text>
                  {shownErrors.has("plan") ? (
                    <div id={planFieldId("plan")} tabIndex={-1}>
                      <Banner tone="critical">{shownErrors.get("plan")}</Banner>
                    </div>
                  ) : null}
                  {draft.syntax === "stages" ? (
                    <StageRowsEditor
                      rows={draft.stages}
                      errors={shownErrors}
                      onBlurField={visibility.touch}
                      onChange={edit((stages) => setDrafts((current) => ({ ...current, stages: { syntax: "stages", stages } })))}
                    />
                  ) : draft.syntax === "juston" ? (
                    <JustOnFieldsEditor
                      fields={draft.juston}
                      errors={shownErrors}
                      onBlurField={visibility.touch}
                      onChange={edit((juston) => setDrafts((current) => ({ ...current, juston: { syntax: "juston", juston } })))}
                    />
                  ) : (
                    <TextField
                      id={planFieldId("json")}
                      label="Plan config (JSON)"
                      multiline={10}
                      monospaced
                      spellCheck={false}
                      autoComplete="off"
                      value={draft.text}
                      onChange={edit((text) => setDrafts((current) => ({ ...current, json: { syntax: "json", text } })))}
                      onBlur={visibility.touch("json")}
                      error={shownErrors.get("json")}
                      helpText='For example {"period": "1m(4)", "rate": "25(4)"} or {"preset": "monthly-4"}'
                    />
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section>
            <SchedulePreviewCard
              sample={sample}
              dateFields={check.dateFields}
              preview={check.preview}
              errors={shownErrors}
              onBlurField={visibility.touch}
              onSampleChange={setSample}
            />
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

/**
 * The errors that may show now, in the words the page shows them. A field's own error waits until it was left; a
 * stage row's until one of its fields was; the plan's and the sample dates' until anything was.
 */
function visibleErrors(errors: FieldErrors, visibility: FieldVisibilityControls, words: (field: string, message: string) => string): FieldErrors {
  const shown = new Map<string, string>();
  for (const [field, message] of errors) {
    const row = /^stages\.(\d+)$/.exec(field);
    const visible = row
      ? visibility.touchedAny(`stages.${row[1]}.`)
      : field === "plan" || field === "sample.dates"
        ? visibility.touchedAny("")
        : visibility.shown(field, message) !== undefined;
    if (visible) shown.set(field, words(field, message));
  }
  return shown;
}

/** The preview's sample order is not saved: its errors never stop a save, so the summary leaves them out. */
function withoutSample(errors: FieldErrors): FieldErrors {
  return new Map([...errors].filter(([field]) => !field.startsWith("sample.")));
}

/** The engine's refusal of the plan itself, as the server would answer a save. */
function compileErrors(draft: PlanDraft): PlanFormError[] {
  try {
    compilePlanDraft(draft);
    return [];
  } catch (error) {
    if (error instanceof PlanError) return [planFormError(draft.syntax, error)];
    throw error;
  }
}

type DraftsBySyntax = {
  readonly stages: Extract<PlanDraft, { syntax: "stages" }>;
  readonly juston: Extract<PlanDraft, { syntax: "juston" }>;
  readonly json: Extract<PlanDraft, { syntax: "json" }>;
};

/** Each editor keeps its own draft, so switching back and forth loses nothing. */
function draftsStartingWith(draft: PlanDraft, locale: string): DraftsBySyntax {
  const stages = draftForInput(newPlanDraft(), locale) as DraftsBySyntax["stages"];
  const drafts: DraftsBySyntax = { stages, juston: { syntax: "juston", juston: EMPTY_JUSTON_FIELDS }, json: { syntax: "json", text: "" } };
  return carryOver({ ...drafts, [draft.syntax]: draft }, draft.syntax, "json", locale);
}

/**
 * Switching editors carries the plan across where the target can show it: any plan becomes JSON, and JSON
 * becomes stages or JustOn fields when it is written that way. Otherwise the target keeps its own draft. JSON holds
 * the engine's numbers ("12000.50"); the stage form the shop's ("12,000.50").
 */
function carryOver(drafts: DraftsBySyntax, from: PlanDraftSyntax, to: PlanDraftSyntax, locale: string): DraftsBySyntax {
  if (from === to) return drafts;
  const read = draftForEngine(drafts[from], locale);
  const source = read.errors.length > 0 ? undefined : sourceText(read.draft);
  if (source === undefined) return drafts;
  if (to === "json") return { ...drafts, json: { syntax: "json", text: source } };
  const converted = draftForInput(planDraftFromSource(source), locale);
  return converted.syntax === to ? { ...drafts, [to]: converted } : drafts;
}

function sourceText(draft: PlanDraft): string | undefined {
  try {
    const config = planDraftConfig(draft);
    return typeof config === "string" ? config : JSON.stringify(config, null, 2);
  } catch (error) {
    // A half-typed count cannot be written as JSON yet; the editor being left keeps it.
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}
