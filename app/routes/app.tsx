import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";

import stackingTableStyles from "../components/stacking-table.css?url";
import screenWidthStyles from "../components/screen-width.css?url";
import wrappingSelectStyles from "../components/wrapping-select.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";

import { ADMIN_SECTIONS } from "../components/admin-sections";
import { LocalModeFrame } from "../components/LocalModeFrame";
import { ShopFormatProvider } from "../components/shop-format-context";
import { shopFormat } from "../models/shop-profile.server";
import { localModeConfig } from "../local-mode.server";
import { requireStaff } from "../staff-context.server";

// After Polaris' own: the app's few layout rules (tables that stack on phones, selects that wrap, phone or desktop layouts) refine its components.
export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: stackingTableStyles },
  { rel: "stylesheet", href: wrappingSelectStyles },
  { rel: "stylesheet", href: screenWidthStyles },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  const local = localModeConfig();
  return {
    apiKey: process.env.SHOPIFY_API_KEY || "",
    shop: staff.shop,
    format: await shopFormat(staff.deps, staff.shop),
    local: local ? { emulatorOrigin: local.emulatorOrigin, now: staff.deps.now().toISOString() } : null,
  };
};

export default function App() {
  const { apiKey, shop, format, local } = useLoaderData<typeof loader>();

  if (local) {
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <ShopFormatProvider format={format}>
          <LocalModeFrame shop={shop} emulatorOrigin={local.emulatorOrigin} now={local.now}>
            <Outlet />
          </LocalModeFrame>
        </ShopFormatProvider>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        {ADMIN_SECTIONS.map((section) => (
          <Link key={section.url} to={section.url} {...(section.url === "/app" ? { rel: "home" } : {})}>
            {section.label}
          </Link>
        ))}
      </NavMenu>
      <ShopFormatProvider format={format}>
        <Outlet />
      </ShopFormatProvider>
    </AppProvider>
  );
}

// Shopify's auth flow throws responses whose headers must reach the browser; Remix
// only keeps them if the route catches the error and forwards the headers.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
