import { PlanError } from "../plan-error";
import { validateTitleTemplate } from "./title-template";

export interface CompiledTitles {
  readonly titleTemplate?: string;
  readonly titlesByPosition?: Readonly<Record<string, string>>;
}

/**
 * Reads `titles`: either one template (`"Installment [PosNo]"`) or JustOn's map from `"default"`, a 1-based
 * position or `"last"` to a text or to texts by language (`{"default": "…", "de": "…"}`), of which the
 * `default` language is used.
 */
export function compileTitles(value: unknown, key = "titles"): CompiledTitles {
  if (value === undefined || value === null || value === "") return {};
  if (typeof value === "string") {
    validateTitleTemplate(value, key);
    return { titleTemplate: value };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new PlanError(key, "must be a title template or a map of positions to titles");
  }
  const byPosition: Record<string, string> = {};
  let titleTemplate: string | undefined;
  for (const [position, entry] of Object.entries(value as Record<string, unknown>)) {
    const entryKey = `${key}.${position}`;
    if (position !== "default" && position !== "last" && !/^[1-9]\d*$/.test(position)) {
      throw new PlanError(entryKey, `"${position}" is not a position: use "default", "last" or a number from 1`);
    }
    const text = typeof entry === "object" && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>).default : entry;
    if (typeof text !== "string") throw new PlanError(entryKey, 'needs a title text, or a map of languages with a "default" text');
    validateTitleTemplate(text, entryKey);
    if (position === "default") titleTemplate = text;
    else byPosition[position] = text;
  }
  return {
    ...(titleTemplate === undefined ? {} : { titleTemplate }),
    ...(Object.keys(byPosition).length ? { titlesByPosition: byPosition } : {}),
  };
}
