import { formatDateStep } from "../schedule/date-step-syntax";
import { stageDifferences, type RevisionStage, type StageField } from "./schedule-revision";

/** A stage as the audit log keeps it: plain JSON, money as minor-unit strings (exact past 2^53). */
export interface AuditStage {
  readonly kind: string;
  readonly title: string;
  readonly amountMinor: string;
  readonly tax: readonly { readonly title: string; readonly amountMinor: string }[];
  readonly issueDate: string | null;
  readonly dueDate: string | null;
  readonly netDays: number;
  /** The event the stage waits for (or waited for) and the steps from it to the due date ("30d", "day 15"). */
  readonly trigger?: { readonly event: string; readonly milestone?: string; readonly steps: readonly string[] };
}

export interface AuditStageChange {
  readonly position: number;
  readonly change: "changed" | "added" | "removed";
  /** What differs; every field for an added or removed stage. */
  readonly fields: readonly StageField[];
  readonly before: AuditStage | null;
  readonly after: AuditStage | null;
}

const ALL_FIELDS: readonly StageField[] = ["kind", "title", "amount", "due", "tax"];

/**
 * The audit's before and after of a schedule change, per position, positions that did not change left out: pass
 * the contract's stages before and the revision's `stages` after. Stages are matched by position, as the database
 * and Shopify's stage drafts know them.
 */
export function describeRevision(before: readonly RevisionStage[], after: readonly RevisionStage[]): AuditStageChange[] {
  const beforeAt = new Map(before.map((stage) => [stage.position, stage]));
  const afterAt = new Map(after.map((stage) => [stage.position, stage]));
  const positions = [...new Set([...beforeAt.keys(), ...afterAt.keys()])].sort((a, b) => a - b);
  return positions.flatMap((position): AuditStageChange[] => {
    const old = beforeAt.get(position);
    const revised = afterAt.get(position);
    if (old && revised) {
      const fields = stageDifferences(old, revised);
      return fields.length === 0 ? [] : [{ position, change: "changed", fields, before: auditStage(old), after: auditStage(revised) }];
    }
    if (revised) return [{ position, change: "added", fields: ALL_FIELDS, before: null, after: auditStage(revised) }];
    return old ? [{ position, change: "removed", fields: ALL_FIELDS, before: auditStage(old), after: null }] : [];
  });
}

/** One stage as plain data for the audit log. */
export function auditStage(stage: RevisionStage): AuditStage {
  const trigger = stage.trigger;
  return {
    kind: stage.kind,
    title: stage.title,
    amountMinor: stage.amount.toString(),
    tax: stage.tax.map((share) => ({ title: share.title, amountMinor: share.amount.toString() })),
    issueDate: stage.issueDate,
    dueDate: stage.dueDate,
    netDays: stage.netDays,
    ...(trigger
      ? {
          trigger: {
            event: trigger.trigger.event,
            ...(trigger.trigger.event === "milestone" ? { milestone: trigger.trigger.milestone } : {}),
            steps: trigger.steps.map(formatDateStep),
          },
        }
      : {}),
  };
}
