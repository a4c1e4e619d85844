import { useBeforeUnload, useBlocker, type Blocker, type BlockerFunction } from "@remix-run/react";
import { useCallback, useEffect } from "react";

/**
 * Holds a navigation to another page while `dirty`: the browser's own prompt on reload, close or an address typed,
 * and a blocker for the app's links, which the caller resolves (a modal, or App Bridge's leave confirmation).
 * Posting the form itself (same page) and the redirect after a save are not held.
 */
export function useLeaveWarning(dirty: boolean): Blocker {
  const shouldBlock = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname, [dirty]);
  const blocker = useBlocker(shouldBlock);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        // Older browsers show the prompt only when a value is set.
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  // Saved or discarded while a navigation waited: let it go.
  useEffect(() => {
    if (blocker.state === "blocked" && !dirty) blocker.proceed();
  }, [blocker, dirty]);
  return blocker;
}
