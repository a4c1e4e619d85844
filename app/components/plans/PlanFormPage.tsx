import { useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, ChoiceList, Layout, Page, Text, TextField, type PageProps } from "@shopify/polaris";
import { useMemo, useState, type ReactNode } from "react";

import { checkPlanDraft } from "../../plan-editor/plan-draft-check";
import type { PlanFormError } from "../../plan-editor/plan-draft-errors";
import type { SampleOrder } from "../../domain/plan/plan-draft-preview";
import { EMPTY_JUSTON_FIELDS, newPlanDraft, planDraftConfig, planDraftFromSource, type PlanDraft, type PlanDraftSyntax } from "../../plan-editor/plan-draft";
import { PlanError } from "../../domain/plan-error";
import { fieldErrors } from "./field-errors";
import { JustOnFieldsEditor } from "./JustOnFieldsEditor";
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

/** The plan form (name, the plan in one of three editors) beside a live preview; posts `name` and `draft`. */
export function PlanFormPage({ title, titleMetadata, initialName, initialDraft, today, serverErrors, secondaryActions, notices }: PlanFormPageProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const [name, setName] = useState(initialName);
  const [drafts, setDrafts] = useState(() => draftsStartingWith(initialDraft));
  const [syntax, setSyntax] = useState<PlanDraftSyntax>(initialDraft.syntax);
  const [sample, setSample] = useState<SampleOrder>(() => ({
    amount: "10000",
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
  const check = useMemo(() => checkPlanDraft(draft, sample, new Date(`${today}T12:00:00Z`)), [draft, sample, today]);
  const errors = fieldErrors([...check.errors, ...(showServerErrors ? (serverErrors ?? []) : [])]);

  const edit =
    <T,>(apply: (value: T) => void) =>
    (value: T) => {
      setDismissedServerErrors(serverErrors);
      apply(value);
    };
  const chooseSyntax = edit((next: PlanDraftSyntax) => {
    setDrafts((current) => carryOver(current, syntax, next));
    setSyntax(next);
  });
  const save = () => submit({ name, draft: JSON.stringify(draft) }, { method: "post" });
  const saving = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post" && navigation.formData?.has("draft") === true;

  return (
    <Page
      title={title}
      titleMetadata={titleMetadata}
      backAction={{ content: "Plans", url: "/app/plans" }}
      primaryAction={{ content: "Save plan", onAction: save, loading: saving }}
      secondaryActions={secondaryActions}
    >
      <Layout>
        {notices ? <Layout.Section>{notices}</Layout.Section> : null}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="400">
                <TextField
                  label="Plan name"
                  autoComplete="off"
                  value={name}
                  onChange={edit(setName)}
                  error={errors.get("name")}
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
                {errors.has("plan") ? <Banner tone="critical">{errors.get("plan")}</Banner> : null}
                {draft.syntax === "stages" ? (
                  <StageRowsEditor
                    rows={draft.stages}
                    errors={errors}
                    onChange={edit((stages) => setDrafts((current) => ({ ...current, stages: { syntax: "stages", stages } })))}
                  />
                ) : draft.syntax === "juston" ? (
                  <JustOnFieldsEditor
                    fields={draft.juston}
                    errors={errors}
                    onChange={edit((juston) => setDrafts((current) => ({ ...current, juston: { syntax: "juston", juston } })))}
                  />
                ) : (
                  <TextField
                    label="Plan config (JSON)"
                    multiline={10}
                    monospaced
                    spellCheck={false}
                    autoComplete="off"
                    value={draft.text}
                    onChange={edit((text) => setDrafts((current) => ({ ...current, json: { syntax: "json", text } })))}
                    error={errors.get("json")}
                    helpText='For example {"period": "1m(4)", "rate": "25(4)"} or {"preset": "monthly-4"}'
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <SchedulePreviewCard sample={sample} dateFields={check.dateFields} preview={check.preview} errors={errors} onSampleChange={setSample} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type DraftsBySyntax = {
  readonly stages: Extract<PlanDraft, { syntax: "stages" }>;
  readonly juston: Extract<PlanDraft, { syntax: "juston" }>;
  readonly json: Extract<PlanDraft, { syntax: "json" }>;
};

/** Each editor keeps its own draft, so switching back and forth loses nothing. */
function draftsStartingWith(draft: PlanDraft): DraftsBySyntax {
  const stages = newPlanDraft() as DraftsBySyntax["stages"];
  const drafts: DraftsBySyntax = { stages, juston: { syntax: "juston", juston: EMPTY_JUSTON_FIELDS }, json: { syntax: "json", text: "" } };
  return carryOver({ ...drafts, [draft.syntax]: draft }, draft.syntax, "json");
}

/**
 * Switching editors carries the plan across where the target can show it: any plan becomes JSON, and JSON
 * becomes stages or JustOn fields when it is written that way. Otherwise the target keeps its own draft.
 */
function carryOver(drafts: DraftsBySyntax, from: PlanDraftSyntax, to: PlanDraftSyntax): DraftsBySyntax {
  if (from === to) return drafts;
  const source = sourceText(drafts[from]);
  if (source === undefined) return drafts;
  if (to === "json") return { ...drafts, json: { syntax: "json", text: source } };
  const converted = planDraftFromSource(source);
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
