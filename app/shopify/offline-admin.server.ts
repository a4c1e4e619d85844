import type { PrismaClient } from "@prisma/client";

import { createAdminClient, type AdminClient, type AdminClientOptions } from "./admin-client.server";

/** No offline session for the shop: the app is not installed there (or was uninstalled). */
export class ShopNotInstalledError extends Error {
  constructor(shop: string) {
    super(`no offline session for ${shop}: the app is not installed there`);
    this.name = "ShopNotInstalledError";
  }
}

/**
 * An Admin client for background work (jobs) and staff actions, from the shop's offline session that OAuth stored:
 * the id is `offline_<shop>`, as @shopify/shopify-api names offline sessions. Its calls are paced through `db`
 * together with every other app process's.
 */
export async function offlineAdminClient(db: PrismaClient, shop: string, options: AdminClientOptions = {}): Promise<AdminClient> {
  const session = await db.session.findUnique({ where: { id: `offline_${shop}` }, select: { shop: true, accessToken: true } });
  if (!session || session.shop !== shop || !session.accessToken) throw new ShopNotInstalledError(shop);
  return createAdminClient({ shop, accessToken: session.accessToken }, { pacingDb: db, ...options });
}
