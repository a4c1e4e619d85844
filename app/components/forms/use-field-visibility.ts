import { useCallback, useMemo, useState } from "react";

import { attemptSubmit, touchedAnyOf, touchField, UNTOUCHED, visibleError, type FieldVisibility } from "./field-visibility";

export interface FieldVisibilityControls {
  readonly state: FieldVisibility;
  /** An onBlur handler that marks `field` as touched. */
  readonly touch: (field: string) => () => void;
  /** Call on every submit; afterwards every error shows. */
  readonly attempt: () => void;
  /** The error for `field` if it may show yet. */
  readonly shown: (field: string, error: string | undefined) => string | undefined;
  readonly touchedAny: (prefix: string) => boolean;
  /** Back to untouched, as after Discard. */
  readonly reset: () => void;
}

/** The form's memory of which fields staff left and whether they tried to submit (see field-visibility.ts). */
export function useFieldVisibility(): FieldVisibilityControls {
  const [state, setState] = useState<FieldVisibility>(UNTOUCHED);
  const touch = useCallback((field: string) => () => setState((current) => touchField(current, field)), []);
  const attempt = useCallback(() => setState(attemptSubmit), []);
  const reset = useCallback(() => setState(UNTOUCHED), []);
  return useMemo(
    () => ({
      state,
      touch,
      attempt,
      reset,
      shown: (field, error) => visibleError(state, field, error),
      touchedAny: (prefix) => touchedAnyOf(state, prefix),
    }),
    [state, touch, attempt, reset],
  );
}
