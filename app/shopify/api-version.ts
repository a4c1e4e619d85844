/**
 * The Admin API version of every call the app makes, of the webhooks it subscribes to (shopify.app.toml) and of
 * the schema the emulator serves and the types are generated from. tests/integration/skeleton.test.ts checks
 * that shopify.app.toml and app/shopify.server.ts name the same version.
 */
export const ADMIN_API_VERSION = "2026-10";
