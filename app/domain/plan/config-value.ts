import type { z } from "zod";
import { PlanError } from "../plan-error";

/**
 * Runs a zod schema over a value of a plan config and turns its first issue into a PlanError naming the JSON path
 * (`stages[2].due.after`, `paymentRules.lateFee.max`); `hint` replaces zod's words where they would not help.
 */
export function parseConfigValue<T extends z.ZodTypeAny>(schema: T, value: unknown, key: string, hint?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : String(part)),
    key,
  );
  const message =
    hint ??
    (issue?.code === "unrecognized_keys"
      ? `unknown key ${issue.keys.map((name) => `"${name}"`).join(", ")}`
      : issue?.code === "invalid_type" && issue.received === "undefined"
        ? "is required"
        : (issue?.message ?? "is invalid"));
  throw new PlanError(path || "config", message);
}
