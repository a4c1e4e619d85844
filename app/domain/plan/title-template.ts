import { PlanError } from "../plan-error";

/**
 * Placeholders a title template may use. JustOn's own names (`[PosNo]`, `[Rate]`) and the longer names of
 * our brief (`[InstallmentRate]`, …) are both accepted; `[PosCount]` is ours.
 */
export const TITLE_PLACEHOLDERS = ["PosNo", "PosCount", "InstallmentAmount", "Amount", "InstallmentRate", "Rate", "InstallmentDate", "Date"] as const;

export type TitlePlaceholder = (typeof TITLE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\[([^\][]*)\]/g;

/** Rejects unknown placeholders, naming the column where the bad one starts. */
export function validateTitleTemplate(template: string, key: string): void {
  if (template.trim() === "") throw new PlanError(key, "a title must not be empty");
  if (template.length > 255) throw new PlanError(key, "a title must be at most 255 characters");
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!(TITLE_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new PlanError(key, `unknown placeholder [${name}]; use one of ${TITLE_PLACEHOLDERS.map((p) => `[${p}]`).join(", ")}`, (match.index ?? 0) + 1);
    }
  }
}

export function renderTitleTemplate(template: string, values: Readonly<Record<TitlePlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as TitlePlaceholder] : whole));
}
