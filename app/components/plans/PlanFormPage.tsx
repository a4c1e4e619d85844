import { useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, ChoiceList, Layout, Page, Text, TextField, type PageProps } from "@shopify/polaris";
import { useMemo, useState, type ReactNode } from "react";

import { checkPlanDraft } from "../../plan-editor/plan-draft-check";
import { planFormError, type PlanFormError } from "../../plan-editor/plan-draft-errors";
import type { SampleOrder } from "../../domain/plan/plan-draft-preview";
import { compilePlanDraft, type PlanDraft, type PlanDraftSyntax } from "../../plan-editor/plan-draft";
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
import { PaymentRulesCard } from "./PaymentRulesCard";
import { paymentRulesFieldsForInput, type PaymentRulesFields } from "./payment-rules-fields";
import { carryOver, checkedPaymentRules, formStartingWith, NO_PAYMENT_RULES } from "./plan-form-drafts";

interface PlanFormPageProps {
  readonly title: string;
  readonly titleMetadata?: PageProps["titleMetadata"];
  readonly initialName: string;
  readonly initialDraft: PlanDraft;
  /** The payment rules section, numbers as the engine writes them; blank for a JSON draft (its text holds them). */
  readonly initialPaymentRules: PaymentRulesFields;
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
export function PlanFormPage({
  title,
  titleMetadata,
  initialName,
  initialDraft,
  initialPaymentRules,
  today,
  serverErrors,
  secondaryActions,
  notices,
}: PlanFormPageProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopFormat = useShopFormat();
  const locale = shopFormat.format.locale;
  const visibility = useFieldVisibility();
  const initial = useMemo(
    () => ({
      name: initialName,
      syntax: initialDraft.syntax,
      ...formStartingWith(draftForInput(initialDraft, locale), paymentRulesFieldsForInput(initialPaymentRules, locale), locale),
    }),
    [initialName, initialDraft, initialPaymentRules, locale],
  );
  const [name, setName] = useState(initial.name);
  const [drafts, setDrafts] = useState(initial.drafts);
  const [paymentRules, setPaymentRules] = useState(initial.paymentRules);
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
  // A JSON draft's text holds its own payment rules; the section stands beside the other editors only.
  const rules = useMemo(() => (syntax === "json" ? NO_PAYMENT_RULES : checkedPaymentRules(paymentRules, locale)), [syntax, paymentRules, locale]);
  const nameErrors = name.trim() === "" ? [NAME_MISSING] : [];
  const errors = fieldErrors([
    ...nameErrors,
    ...forEngine.errors,
    ...sampleRead.errors,
    ...check.errors,
    ...rules.errors,
    ...(showServerErrors ? (serverErrors ?? []) : []),
  ]);
  const shownErrors = visibleErrors(errors, visibility, (field, message) => asSentence(withShopDates(planErrorText(field, message, syntax), shopFormat.date)));
  const summary = visibility.state.attempts > 0 ? planFieldProblems(withoutSample(shownErrors), draft) : [];

  const edit =
    <T,>(apply: (value: T) => void) =>
    (value: T) => {
      setDismissedServerErrors(serverErrors);
      apply(value);
    };
  const chooseSyntax = edit((next: PlanDraftSyntax) => {
    const carried = carryOver({ drafts, paymentRules }, syntax, next, locale);
    setDrafts(carried.drafts);
    setPaymentRules(carried.paymentRules);
    setSyntax(next);
  });
  const save = () => {
    visibility.attempt();
    // What the server would refuse as well is not sent: the summary says what to fix.
    if ([...nameErrors, ...forEngine.errors, ...compileErrors(forEngine.draft), ...rules.errors].length > 0) return;
    const posted: Record<string, string> = { name, draft: JSON.stringify(forEngine.draft) };
    if (syntax !== "json") posted.paymentRules = JSON.stringify(rules.config ?? null);
    submit(posted, { method: "post" });
  };
  const discard = () => {
    setName(initial.name);
    setDrafts(initial.drafts);
    setPaymentRules(initial.paymentRules);
    setSyntax(initial.syntax);
    setDismissedServerErrors(serverErrors);
    visibility.reset();
  };
  const dirty =
    JSON.stringify([name, syntax, draft, syntax === "json" ? null : paymentRules]) !==
    JSON.stringify([initial.name, initial.syntax, initial.drafts[initial.syntax], initial.syntax === "json" ? null : initial.paymentRules]);
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
                      helpText='For example {"period": "1m(4)", "rate": "25(4)"} or {"preset": "monthly-4"}; payment rules as {"paymentRules": {…}}'
                    />
                  )}
                </BlockStack>
              </Card>
              {syntax === "json" ? null : (
                <PaymentRulesCard fields={paymentRules} errors={shownErrors} onBlurField={visibility.touch} onChange={edit(setPaymentRules)} />
              )}
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
