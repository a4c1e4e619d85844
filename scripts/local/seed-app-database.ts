import type { PrismaClient } from "@prisma/client";

import { PRESET_PLANS } from "../../app/domain/plan/presets";
import { createPlan } from "../../app/models/plans.server";
import type { ShopFixture } from "../../emulator/state/seed";

/**
 * What installing the app in each demo shop would have left in its database: the offline session OAuth stores
 * (`offline_<shop>`, with the emulator's access token and the TOML's scopes), and the preset plans, so staff
 * can attach one at once.
 */
export async function seedAppDatabase(db: PrismaClient, shops: readonly ShopFixture[], scopes: string): Promise<void> {
  for (const shop of shops) {
    if (!shop.accessToken) throw new Error(`the demo shop ${shop.domain} has no access token`);
    await db.session.create({
      data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: shop.accessToken, scope: scopes },
    });
    for (const preset of PRESET_PLANS) await createPlan(db, shop.domain, { name: preset.name, config: preset.config, actor: "system" });
  }
}
