import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";

import { localModeConfig } from "./local-mode.server";

// Local mode runs without the internet, where the font from Shopify's CDN would only delay the page.
export const loader = () => ({ shopifyFonts: localModeConfig() === null });

export default function App() {
  const { shopifyFonts } = useLoaderData<typeof loader>();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        {shopifyFonts ? (
          <>
            <link rel="preconnect" href="https://cdn.shopify.com/" />
            <link rel="stylesheet" href="https://cdn.shopify.com/static/fonts/inter/v4/styles.css" />
          </>
        ) : null}
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
