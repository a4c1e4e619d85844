import prisma from "./db.server";
import { assertLoopbackRequest, emulatorNow, localModeConfig } from "./local-mode.server";
import type { AuditActor } from "./models/audit-log.server";
import { refuseCrossSiteRequest } from "./request-origin.server";
import type { ServiceDeps } from "./services/service-deps.server";
import { refuseTokenNamingNoShop } from "./session-token-shop.server";
import { authenticate } from "./shopify.server";
import { offlineAdminClient } from "./shopify/offline-admin.server";
import { appJobQueue } from "./jobs/app-job-queue.server";
import { buyerMailFromEnvironment } from "./services/buyer-email/buyer-mail-environment.server";

/** Who is asking, for which shop, and what the use cases need to act for them. */
export interface StaffContext {
  readonly shop: string;
  readonly actor: AuditActor;
  readonly deps: ServiceDeps;
  /** Signed in by local mode against the emulator, not by Shopify (no App Bridge, no Shopify admin frame). */
  readonly localMode: boolean;
  /** Adds the CORS headers an admin extension's request needs (the identity in local mode). */
  readonly cors: (response: Response) => Response;
}

/**
 * Authenticates a staff request to the admin or to an `api.*` route an admin extension calls. Against Shopify:
 * the embedded session token (App Bridge or the extension's bearer token), which throws the redirect or 401
 * Shopify's library builds. In local mode: the emulator shop, read at the emulator's clock. Either way a
 * state-changing request another site sent is refused first (403), here, so that no route can forget it.
 */
export async function requireStaff(request: Request): Promise<StaffContext> {
  const local = localModeConfig();
  if (local) {
    assertLoopbackRequest(request);
    refuseCrossSiteRequest(request, { tokenAuthenticated: false });
    const now = await emulatorNow(local);
    return {
      shop: local.shop,
      actor: "staff:local",
      deps: {
        db: prisma,
        jobs: await appJobQueue(),
        adminFor: (shop) => offlineAdminClient(prisma, shop),
        now: () => now,
        buyerMail: buyerMailFromEnvironment(),
      },
      localMode: true,
      cors: (response) => response,
    };
  }
  refuseCrossSiteRequest(request, { tokenAuthenticated: true });
  refuseTokenNamingNoShop(request);
  const { session, sessionToken, cors } = await authenticate.admin(request);
  // The session token's subject is the staff member (offline sessions carry no user); a bare id is enough here.
  const userId = typeof sessionToken?.sub === "string" ? sessionToken.sub.replace(/\D/g, "") : "";
  return {
    shop: session.shop,
    actor: `staff:${userId || "shop"}`,
    deps: {
      db: prisma,
      jobs: await appJobQueue(),
      adminFor: (shop) => offlineAdminClient(prisma, shop),
      now: () => new Date(),
      buyerMail: buyerMailFromEnvironment(),
    },
    localMode: false,
    cors,
  };
}
