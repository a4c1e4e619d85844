import { AppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";

import { AvaTaxSettingsCard } from "../../../app/components/settings/AvaTaxSettingsCard";
import type { AvaTaxSettingsValues } from "../../../app/components/settings/avatax-fields";

const stored = (environment: string): AvaTaxSettingsValues => ({
  enabled: true,
  environment,
  accountId: "1100000001",
  licenseKeySet: true,
  companyCode: "ACME",
  taxMode: "override",
  commitOnInvoice: true,
  origin: { line1: null, city: "Seattle", region: "WA", postalCode: "98101", country: "US" },
});

/** The card as the settings page draws it on the server, inside a router (it posts through Remix's form). */
async function render(settings: AvaTaxSettingsValues | null, customServerAllowed: boolean): Promise<string> {
  const card = createElement(AvaTaxSettingsCard, { settings, customServerAllowed, result: null, submitting: null });
  const handler = createStaticHandler([{ path: "/app/settings", element: card }]);
  const context = await handler.query(new Request("http://localhost/app/settings"));
  if (context instanceof Response) throw new Error(`the settings route answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(AppProvider, { i18n: polarisTranslations }, createElement(StaticRouterProvider, { router, context })));
}

describe("the AvaTax card's environment", async () => {
  it("offers Avalara's sandbox and production by name outside local mode, posting the one chosen", async () => {
    const html = await render(stored("production"), false);
    expect(html).toContain("Production (rest.avatax.com)");
    expect(html).not.toContain("Local AvaTax server");
    expect(html).toMatch(/<input type="hidden" name="environment" value="production"\/>/);
  });

  it("in local mode also offers the local AvaTax server, its address in a field of its own", async () => {
    expect(await render(null, true)).toContain("Local AvaTax server (local mode)");
    const html = await render(stored("http://127.0.0.1:4010"), true);
    expect(html).toContain("Local AvaTax server address");
    expect(html).toMatch(/name="environment"[^>]*value="http:\/\/127.0.0.1:4010"|value="http:\/\/127.0.0.1:4010"[^>]*name="environment"/);
  });

  it("shows no save bar before anything is changed", async () => {
    expect(await render(stored("sandbox"), false)).not.toContain("Unsaved AvaTax settings");
  });
});
