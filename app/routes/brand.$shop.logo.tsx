import type { LoaderFunctionArgs } from "@remix-run/node";

import prisma from "../db.server";
import { assertLoopbackRequest, localModeConfig } from "../local-mode.server";
import { getShopBranding } from "../models/shop-branding.server";
import { isShopDomain } from "../shop-domain";

/** A year, immutable: the link carries the logo's version (?v=), so a new logo is a new URL. */
const VERSIONED_CACHE = "public, max-age=31536000, immutable";
/** A link without the current version (an old email's) gets the current logo, re-checked after a while. */
const UNVERSIONED_CACHE = "public, max-age=3600";

/** The shop's logo, as emails and the buyer's portal show it (public: it is on every document the buyer gets). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  if (localModeConfig()) assertLoopbackRequest(request);
  const shop = params.shop ?? "";
  const logo = isShopDomain(shop) ? (await getShopBranding(prisma, shop)).logo : null;
  if (!logo)
    return new Response("This shop has no logo.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const current = new URL(request.url).searchParams.get("v") === logo.version;
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "Content-Type": logo.contentType,
      "Content-Length": String(logo.data.byteLength),
      "Cache-Control": current ? VERSIONED_CACHE : UNVERSIONED_CACHE,
      "X-Content-Type-Options": "nosniff",
    },
  });
};
