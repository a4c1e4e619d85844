import { json } from "@remix-run/node";

import { preferredLanguage } from "../locale/accept-language";
import { assertLoopbackRequest, emulatorNow, localModeConfig } from "../local-mode.server";
import { buyerLinkSecret } from "../services/buyer/signed-links.server";
import { PortalLinkNotFoundError, type PortalEnvironment } from "../services/buyer-portal/portal-access.server";
import { portalMessagesFor } from "./portal-messages";

/**
 * Every answer of the buyer's pages: the signed token in the URL is the buyer's key, so nothing is cached on the way,
 * indexed, or sent on as a Referer when the buyer follows a link out (to the checkout, to the seller's site).
 */
export const PORTAL_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex",
  "Referrer-Policy": "no-referrer",
};

export function portalHeaders(extra: Readonly<Record<string, string>> = {}): Headers {
  return new Headers({ ...PORTAL_HEADERS, ...extra });
}

/**
 * What a portal request runs with. In local mode, as for the admin, only requests to localhost are answered, and
 * "now" is the emulator's clock, so the buyer's page moves with it.
 */
export async function portalEnvironment(request: Request): Promise<PortalEnvironment> {
  const local = localModeConfig();
  if (local) assertLoopbackRequest(request);
  return {
    appUrl: process.env.SHOPIFY_APP_URL || "http://localhost:3000",
    linkSecret: buyerLinkSecret(),
    now: local ? await emulatorNow(local) : new Date(),
    acceptLanguage: request.headers.get("Accept-Language"),
  };
}

/** The page's not-found answer: its error boundary says it in the visitor's language. */
export function portalPageNotFound(request: Request): Response {
  return json({ locale: visitorLocale(request) }, { status: 404, headers: portalHeaders() });
}

/** A file's (PDF's) answers that are not the file: plain text in the visitor's language, never a stack trace. */
export function portalFileNotFound(request: Request): Response {
  return new Response(portalMessagesFor(visitorLocale(request)).notFound, {
    status: 404,
    headers: portalHeaders({ "Content-Type": "text/plain; charset=utf-8" }),
  });
}

export function portalFileFailure(request: Request): Response {
  return new Response(portalMessagesFor(visitorLocale(request)).failure, {
    status: 500,
    headers: portalHeaders({ "Content-Type": "text/plain; charset=utf-8" }),
  });
}

/**
 * Runs a portal file route: a link we did not sign, or that opens nothing, is 404; any other failure is logged and
 * answered 500 in plain words. Responses thrown on purpose (local mode's 403) pass through.
 */
export async function answerPortalFile(request: Request, answer: (environment: PortalEnvironment) => Promise<Response>): Promise<Response> {
  try {
    return await answer(await portalEnvironment(request));
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof PortalLinkNotFoundError) return portalFileNotFound(request);
    console.error("[portal]", error);
    return portalFileFailure(request);
  }
}

function visitorLocale(request: Request): string {
  return preferredLanguage(request.headers.get("Accept-Language")) ?? "en";
}
