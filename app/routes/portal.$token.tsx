import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";

import prisma from "../db.server";
import { PortalMessagePage, PortalPage } from "../portal/PortalPage";
import { PORTAL_HEADERS, portalEnvironment, portalHeaders, portalPageNotFound } from "../portal/portal-http.server";
import { portalMessagesFor } from "../portal/portal-messages";
import portalStyles from "../portal/portal.css?url";
import { PortalLinkNotFoundError } from "../services/buyer-portal/portal-access.server";
import { buyerPortalPage } from "../services/buyer-portal/buyer-portal.server";

/**
 * The buyer's portal (public: the signed token is the key). A link that is not ours, altered, or opens nothing is a
 * 404 page saying so; a statement request that is not valid shows the page with the fields' problems (400).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const environment = await portalEnvironment(request);
  try {
    const { view, refused } = await buyerPortalPage(prisma, params.token ?? "", environment, new URL(request.url).searchParams);
    return json(view, { status: refused ? 400 : 200, headers: portalHeaders() });
  } catch (error) {
    if (error instanceof PortalLinkNotFoundError) throw portalPageNotFound(request);
    throw error;
  }
};

export const headers: HeadersFunction = () => PORTAL_HEADERS;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: data ? portalMessagesFor(data.locale).pageTitle(data.seller.name) : portalMessagesFor(errorLocale(error)).notFoundTitle },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export default function BuyerPortal() {
  return <PortalPage view={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const locale = errorLocale(error);
  const messages = portalMessagesFor(locale);
  if (isRouteErrorResponse(error) && error.status === 404)
    return <PortalMessagePage locale={locale} title={messages.notFoundTitle} message={messages.notFound} />;
  return <PortalMessagePage locale={locale} title={messages.failureTitle} message={messages.failure} />;
}

/** The not-found answer names the visitor's language (portal-http.server.ts); any other failure is in English. */
function errorLocale(error: unknown): string {
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  return typeof data === "object" && data !== null && "locale" in data && typeof data.locale === "string" ? data.locale : "en";
}
