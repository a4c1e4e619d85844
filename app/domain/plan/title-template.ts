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

/** A template read once: each part is literal text and the placeholder after it (null for trailing text). */
export interface TitlePart {
  readonly text: string;
  readonly placeholder: TitlePlaceholder | null;
}

const PARSED_TEMPLATES = new Map<string, readonly TitlePart[]>();
const MAX_PARSED_TEMPLATES = 10_000;

/** Splits a template into its parts (cached: a plan's few templates are read once, not once per installment). */
export function parseTitleTemplate(template: string): readonly TitlePart[] {
  const known = PARSED_TEMPLATES.get(template);
  if (known) return known;
  const parts: TitlePart[] = [];
  let from = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    // The constant itself, not the matched text: a switch compares constants by identity, a slice char by char.
    const placeholder = TITLE_PLACEHOLDERS[(TITLE_PLACEHOLDERS as readonly string[]).indexOf(match[1] ?? "")];
    if (placeholder === undefined) continue;
    parts.push({ text: template.slice(from, match.index), placeholder });
    from = (match.index ?? 0) + match[0].length;
  }
  if (from < template.length) parts.push({ text: template.slice(from), placeholder: null });
  if (PARSED_TEMPLATES.size >= MAX_PARSED_TEMPLATES) PARSED_TEMPLATES.clear();
  PARSED_TEMPLATES.set(template, parts);
  return parts;
}
