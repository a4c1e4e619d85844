import { z } from "zod";
import { PlanError } from "../domain/plan-error";
import { JUSTON_KEYS } from "../domain/plan/juston-syntax";
import type { Plan } from "../domain/plan/plan";
import { compilePlanConfig } from "../domain/plan/plan-config";
import { PRESET_PLANS } from "../domain/plan/presets";
import { newStageRow, stageRowsFromConfig, stageRowsSchema, stageRowsToConfig, type StageRow } from "./stage-rows";

/**
 * A plan as it is being written in the plan form, in one of three editors: the stage form, the JustOn keys as
 * separate fields, or the raw JSON config (anything the other two cannot show, presets by id included).
 */
export type PlanDraft =
  | { readonly syntax: "stages"; readonly stages: readonly StageRow[] }
  | { readonly syntax: "juston"; readonly juston: JustOnFields }
  | { readonly syntax: "json"; readonly text: string };

export type PlanDraftSyntax = PlanDraft["syntax"];

/** The JustOn keys as typed; blank keys are left out of the config. `titles` here is one template. */
export type JustOnFields = Readonly<Record<(typeof JUSTON_KEYS)[number], string>>;

const justOnFieldsSchema = z.object({
  period: z.string().max(2000),
  dateReference: z.string().max(2000),
  rate: z.string().max(2000),
  amount: z.string().max(2000),
  titles: z.string().max(255),
}) satisfies z.ZodType<JustOnFields>;

/** What the plan form posts (as JSON), checked at the route before the engine sees it. */
export const planDraftSchema = z.discriminatedUnion("syntax", [
  z.object({ syntax: z.literal("stages"), stages: stageRowsSchema }),
  z.object({ syntax: z.literal("juston"), juston: justOnFieldsSchema }),
  z.object({ syntax: z.literal("json"), text: z.string().max(100_000) }),
]) satisfies z.ZodType<PlanDraft>;

export const EMPTY_JUSTON_FIELDS: JustOnFields = { period: "", dateReference: "", rate: "", amount: "", titles: "" };

/** A new plan's draft: a 30% deposit at checkout and the rest thirty days later. */
export function newPlanDraft(): PlanDraft {
  return {
    syntax: "stages",
    stages: [
      newStageRow({ kind: "deposit", shareKind: "percent", shareValue: "30", dueKind: "checkout" }),
      newStageRow({ kind: "balance", shareKind: "remainder", dueKind: "after", dueSteps: "30d" }),
    ],
  };
}

/** A preset's stages in the stage form, to start a plan from; null for an unknown preset id. */
export function presetPlanDraft(presetId: string): PlanDraft | null {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === presetId);
  const stages = preset ? stageRowsFromConfig(preset.config) : null;
  return stages ? { syntax: "stages", stages } : null;
}

/** The editor a stored plan's source opens in: the stage form or JustOn fields when they can show it, else JSON. */
export function planDraftFromSource(source: string): PlanDraft {
  let config: unknown;
  try {
    config = JSON.parse(source);
  } catch {
    return { syntax: "json", text: source };
  }
  if (typeof config === "object" && config !== null && !Array.isArray(config)) {
    const record = config as Record<string, unknown>;
    if ("stages" in record) {
      const stages = stageRowsFromConfig(record);
      if (stages) return { syntax: "stages", stages };
    } else {
      const juston = justOnFieldsFromConfig(record);
      if (juston) return { syntax: "juston", juston };
    }
  }
  return { syntax: "json", text: source };
}

function justOnFieldsFromConfig(config: Readonly<Record<string, unknown>>): JustOnFields | null {
  const fields: Record<string, string> = { ...EMPTY_JUSTON_FIELDS };
  for (const [key, value] of Object.entries(config)) {
    if (!(key in fields)) return null;
    if (typeof value === "string" || (typeof value === "number" && (key === "rate" || key === "amount"))) fields[key] = String(value);
    else return null;
  }
  return fields as JustOnFields;
}

/**
 * The config the draft stands for: an object for the form editors, the text itself for JSON (stored verbatim).
 * Throws PlanError for what only the form can get wrong (JSON that does not parse, a count that is not a number).
 */
export function planDraftConfig(draft: PlanDraft): string | Record<string, unknown> {
  switch (draft.syntax) {
    case "stages":
      return stageRowsToConfig(draft.stages);
    case "juston":
      return Object.fromEntries(Object.entries(draft.juston).filter(([, value]) => value.trim() !== ""));
    case "json":
      return draft.text;
  }
}

/** Compiles the draft with the server's engine; throws PlanError naming the key (and column). */
export function compilePlanDraft(draft: PlanDraft): Plan {
  const config = planDraftConfig(draft);
  if (typeof config !== "string") return compilePlanConfig(config);
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch (error) {
    // The same words as the plan model's, so the browser and the server say the same thing.
    throw new PlanError("config", `not valid JSON: ${(error as Error).message}`);
  }
  return compilePlanConfig(parsed);
}
