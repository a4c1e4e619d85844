import { useEffect, useSyncExternalStore } from "react";

/**
 * Which forms on the page have unsaved changes. A page may hold several (the settings cards), but the router honours
 * one navigation blocker at a time: the form registered first holds the page's one leave warning, for all of them.
 * Forms register from effects, so the server (which runs none) never shares this between requests.
 */
const dirtyByForm = new Map<string, boolean>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers the form `id` while mounted, with its current dirty state. */
export function useRegisterUnsavedForm(id: string, dirty: boolean): void {
  useEffect(() => {
    dirtyByForm.set(id, false);
    changed();
    return () => {
      dirtyByForm.delete(id);
      changed();
    };
  }, [id]);
  useEffect(() => {
    if (!dirtyByForm.has(id) || dirtyByForm.get(id) === dirty) return;
    dirtyByForm.set(id, dirty);
    changed();
  }, [id, dirty]);
}

/** True when any registered form has unsaved changes. */
export function useAnyUnsavedForm(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => [...dirtyByForm.values()].some(Boolean),
    () => false,
  );
}

/** True for the one form that holds the page's leave warning: the first registered. */
export function useHoldsLeaveWarning(id: string): boolean {
  return useSyncExternalStore(
    subscribe,
    () => dirtyByForm.keys().next().value === id,
    () => false,
  );
}
