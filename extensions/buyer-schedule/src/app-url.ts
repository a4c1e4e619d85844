/**
 * The app's public URL, used by the thank-you and order-status blocks to call
 * `GET ${APP_URL}/api/buyer/schedule`. Checkout UI extensions run in a sandboxed
 * worker on Shopify's domain, so the URL must be absolute (and the extension needs
 * `network_access = true` in shopify.extension.toml).
 *
 * UI extensions have no runtime environment variables: Shopify's guidance is to
 * bake the URL into the bundle at build time. This file is that single place.
 * The default serves the local demo (`npm run dev` / the emulator on port 3000);
 * before `shopify app deploy`, set it to the deployed app's `application_url`
 * (see extensions/README.md).
 */
export const APP_URL = 'http://localhost:3000';
