import { useRouteLoaderData } from "@remix-run/react";

import type { loader as appLoader } from "../../routes/app";

/**
 * True inside Shopify's admin, where App Bridge draws the save bar and guards leaving; false in local mode
 * (app/components/LocalModeFrame.tsx), where App Bridge is absent and the app draws its own.
 */
export function useEmbeddedAdmin(): boolean {
  const app = useRouteLoaderData<typeof appLoader>("routes/app");
  return app !== undefined && app.local === null;
}
