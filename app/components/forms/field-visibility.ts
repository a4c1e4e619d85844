/**
 * When a field's error may show: not while staff have yet to reach the field, but once they left it (blur) or
 * tried to submit the form. Pure, so the rule is tested without a browser.
 */
export interface FieldVisibility {
  /** The fields staff left at least once. */
  readonly touched: ReadonlySet<string>;
  /** How many times staff tried to submit; from the first, every error shows. */
  readonly attempts: number;
}

export const UNTOUCHED: FieldVisibility = { touched: new Set(), attempts: 0 };

export function touchField(state: FieldVisibility, field: string): FieldVisibility {
  if (state.touched.has(field)) return state;
  return { ...state, touched: new Set([...state.touched, field]) };
}

export function attemptSubmit(state: FieldVisibility): FieldVisibility {
  return { ...state, attempts: state.attempts + 1 };
}

/** The error to show at `field` now, or undefined while it is too early to show it. */
export function visibleError(state: FieldVisibility, field: string, error: string | undefined): string | undefined {
  if (error === undefined) return undefined;
  return state.attempts > 0 || state.touched.has(field) ? error : undefined;
}

/** True once staff left any of the fields whose names start with `prefix` ("stages.1."), or submitted. */
export function touchedAnyOf(state: FieldVisibility, prefix: string): boolean {
  return state.attempts > 0 || [...state.touched].some((field) => field.startsWith(prefix));
}
