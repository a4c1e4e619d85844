import { PlanError } from "../plan-error";

/** One entry of a comma-separated plan list such as `20(5),30`: its text, its repeat count and its column. */
export interface ListEntry {
  readonly value: string;
  readonly repeat: number;
  /** 1-based column of the entry's first character in the key's text. */
  readonly column: number;
}

const MAX_REPEAT = 10_000;

/**
 * Splits `a(M),b,c(N)` into entries. `(M)` repeats an entry M times (M ≥ 1). Empty entries are errors unless
 * `allowEmpty` (a dateReference gap: "no reference for this installment").
 */
export function parseList(text: string, key: string, options: { allowEmpty?: boolean } = {}): ListEntry[] {
  const entries: ListEntry[] = [];
  let offset = 0;
  for (const raw of text.split(",")) {
    const leading = raw.length - raw.trimStart().length;
    const column = offset + leading + 1;
    const item = raw.trim();
    offset += raw.length + 1;
    if (item === "") {
      if (!options.allowEmpty) throw new PlanError(key, "empty entry between commas", column);
      entries.push({ value: "", repeat: 1, column });
      continue;
    }
    const open = item.indexOf("(");
    if (open === -1) {
      if (item.includes(")")) throw new PlanError(key, `")" without "(" in "${item}"`, column + item.indexOf(")"));
      entries.push({ value: item, repeat: 1, column });
      continue;
    }
    const repeatText = item.slice(open + 1, item.endsWith(")") ? -1 : undefined);
    if (!item.endsWith(")") || !/^\d+$/.test(repeatText.trim()) || item.indexOf("(", open + 1) !== -1) {
      throw new PlanError(key, `"${item.slice(open)}" is not a repeat count like (4)`, column + open);
    }
    const repeat = Number(repeatText.trim());
    if (repeat < 1 || repeat > MAX_REPEAT) {
      throw new PlanError(key, `the repeat count must be from 1 to ${MAX_REPEAT}, not ${repeat}`, column + open);
    }
    const value = item.slice(0, open).trim();
    if (value === "") throw new PlanError(key, "a repeat count needs a value before it", column);
    entries.push({ value, repeat, column });
  }
  return entries;
}

/** Expands entries by their repeat counts, refusing to grow past `limit` (names the entry that overflows). */
export function expandList(entries: readonly ListEntry[], key: string, limit: number): ListEntry[] {
  const expanded: ListEntry[] = [];
  for (const entry of entries) {
    if (expanded.length + entry.repeat > limit) {
      throw new PlanError(key, `more than ${limit} installments`, entry.column);
    }
    for (let i = 0; i < entry.repeat; i++) expanded.push(entry);
  }
  return expanded;
}
