import { PlanError } from "../domain/plan-error";
import { compilePlanDraft, type PlanDraft } from "./plan-draft";
import { planFormError, type PlanFormError } from "./plan-draft-errors";
import { namedDateFields, previewSchedule, type SampleOrder, type SchedulePreview } from "../domain/plan/plan-draft-preview";

export interface PlanDraftCheck {
  /** The schedule for the sample order; null while the plan or the sample has an error. */
  readonly preview: SchedulePreview | null;
  /** The order date fields the plan reads, for the sample's date inputs. */
  readonly dateFields: readonly string[];
  /** At most one: the engine stops at the first problem, and so does this. */
  readonly errors: readonly PlanFormError[];
}

/**
 * What the plan form shows as a person types: the draft compiled by the server's engine, then its schedule for
 * the sample order, or the first error placed on the field it names. Pure, so the browser runs exactly the
 * checks the server will run again on save.
 */
export function checkPlanDraft(draft: PlanDraft, sample: SampleOrder, now: Date): PlanDraftCheck {
  let dateFields: readonly string[] = [];
  try {
    const plan = compilePlanDraft(draft);
    dateFields = namedDateFields(plan);
    return { preview: previewSchedule(plan, sample, now), dateFields, errors: [] };
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return { preview: null, dateFields, errors: [planFormError(draft.syntax, error)] };
  }
}
