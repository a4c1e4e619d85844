import { redirect } from "@remix-run/node";
import { z } from "zod";
import { NotFoundError } from "../../models/model-errors.server";
import { archivePlan, duplicatePlan, PlanNameTakenError, unarchivePlan } from "../../models/plans.server";
import type { StaffContext } from "../../staff-context.server";

const planActionSchema = z.object({
  intent: z.enum(["duplicate", "archive", "unarchive"]),
  planId: z.string().min(1).max(100),
});

export interface PlanActionOutcome {
  readonly tone: "success" | "critical";
  readonly message: string;
}

/**
 * Duplicate, archive or unarchive one plan, from the list or a plan's page. A duplicate opens the new plan (a
 * thrown redirect, as Remix does); the others answer with a message for a banner. An unknown plan is a 404.
 */
export async function runPlanAction(staff: StaffContext, form: FormData): Promise<PlanActionOutcome> {
  const parsed = planActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { tone: "critical", message: "That action is not one a plan has. Reload the page and try again." };
  const { intent, planId } = parsed.data;
  const { db } = staff.deps;
  try {
    switch (intent) {
      case "duplicate": {
        const copy = await duplicatePlan(db, staff.shop, planId, { actor: staff.actor });
        throw redirect(`/app/plans/${copy.id}?duplicated=1`);
      }
      case "archive": {
        const plan = await archivePlan(db, staff.shop, planId, staff.actor);
        return { tone: "success", message: `"${plan.name}" is archived: new contracts can no longer use it.` };
      }
      case "unarchive": {
        const plan = await unarchivePlan(db, staff.shop, planId, staff.actor);
        return { tone: "success", message: `"${plan.name}" is active again.` };
      }
    }
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Plan not found", { status: 404 });
    if (error instanceof PlanNameTakenError) return { tone: "critical", message: error.message };
    throw error;
  }
}
