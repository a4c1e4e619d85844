import { z } from "zod";

import type { ContractMode } from "../domain/contract/contract-state";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, toJsonColumn, type Database } from "./database.server";
import { NotFoundError } from "./model-errors.server";

/** "auto" lets the shop's Shopify plan decide: native on Plus, stage orders elsewhere. */
export type CollectionModeSetting = "auto" | ContractMode;

export interface ShopSettings {
  readonly collectionMode: CollectionModeSetting;
  /** Days before a stage's due date that its link is emailed again. */
  readonly remindBeforeDays: readonly number[];
  /** Days after a stage's due date (0: the due date itself), while it is unpaid, that its link is emailed again. */
  readonly remindAfterDays: readonly number[];
  readonly defaultPlanId: string | null;
  readonly requireAcceptance: boolean;
  /** Who emails the buyer their stage links: the app ("tranche", with the schedule) or Shopify's invoice email. */
  readonly linkEmailsBy: LinkEmailsBy;
}

export type LinkEmailsBy = "tranche" | "shopify";

/** The app's own emails carry the schedule, the tax and the portal; Shopify's say "Complete your purchase". */
const DEFAULT_LINK_EMAILS_BY: LinkEmailsBy = "tranche";

export const DEFAULT_SHOP_SETTINGS: ShopSettings = {
  collectionMode: "auto",
  remindBeforeDays: [3],
  remindAfterDays: [1, 7],
  defaultPlanId: null,
  requireAcceptance: true,
  linkEmailsBy: DEFAULT_LINK_EMAILS_BY,
};

/** Reminder days, each at least `min`; `tooFew` says why a smaller one is refused. */
const reminderDays = (min: number, tooFew: string) =>
  z
    .array(z.number().int("reminder days are whole days").min(min, tooFew).max(365, "reminder days are at most 365"))
    .max(10, "at most 10 reminders each way")
    .transform((days) => [...new Set(days)].sort((a, b) => a - b));

/** What staff may set; each field is checked with a message that names it. */
export const shopSettingsInput = z.object({
  collectionMode: z.enum(["auto", "native", "stageOrder"]),
  remindBeforeDays: reminderDays(1, "days before are at least 1 (for the due date itself, put 0 in the days after)"),
  // 0 days after is the due date itself: the domain sends that reminder on the day the stage falls due.
  remindAfterDays: reminderDays(0, "days after are 0 (the due date) or more"),
  defaultPlanId: z.string().min(1).nullable(),
  requireAcceptance: z.boolean(),
  linkEmailsBy: z.enum(["tranche", "shopify"]).default(DEFAULT_LINK_EMAILS_BY),
});

export type ShopSettingsInput = z.input<typeof shopSettingsInput>;

/** A setting this shop may not have: native collection needs Shopify Plus. */
export class SettingNotAllowedError extends Error {
  readonly field: keyof ShopSettings;

  constructor(field: keyof ShopSettings, message: string) {
    super(message);
    this.name = "SettingNotAllowedError";
    this.field = field;
  }
}

export async function getShopSettings(db: Database, shop: string): Promise<ShopSettings> {
  requireShop(shop);
  const row = await db.shopSettings.findUnique({ where: { shop } });
  if (!row) return DEFAULT_SHOP_SETTINGS;
  return {
    collectionMode: row.collectionMode as CollectionModeSetting,
    remindBeforeDays: JSON.parse(row.remindBeforeDays) as number[],
    remindAfterDays: JSON.parse(row.remindAfterDays) as number[],
    defaultPlanId: row.defaultPlanId,
    requireAcceptance: row.requireAcceptance,
    linkEmailsBy: row.linkEmailsBy as LinkEmailsBy,
  };
}

/**
 * Saves the shop's settings. `shopifyPlus` is what Shopify says of the shop now: native collection is refused
 * elsewhere, because draft-order deposits are Plus-only.
 */
export async function saveShopSettings(
  db: Database,
  shop: string,
  input: ShopSettingsInput,
  context: { readonly shopifyPlus: boolean; readonly actor: AuditActor },
): Promise<ShopSettings> {
  requireShop(shop);
  const settings = shopSettingsInput.parse(input);
  if (settings.collectionMode === "native" && !context.shopifyPlus) {
    throw new SettingNotAllowedError("collectionMode", "native collection needs Shopify Plus (draft-order deposits are Plus-only)");
  }
  return inTransaction(db, async (tx) => {
    if (settings.defaultPlanId !== null) {
      const plan = await tx.plan.findFirst({ where: { id: settings.defaultPlanId, shop, archivedAt: null }, select: { id: true } });
      if (!plan) throw new NotFoundError("plan", settings.defaultPlanId);
    }
    const data = {
      collectionMode: settings.collectionMode,
      remindBeforeDays: toJsonColumn(settings.remindBeforeDays),
      remindAfterDays: toJsonColumn(settings.remindAfterDays),
      defaultPlanId: settings.defaultPlanId,
      requireAcceptance: settings.requireAcceptance,
      linkEmailsBy: settings.linkEmailsBy,
    };
    await tx.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    await writeAudit(tx, shop, { actor: context.actor, action: "settings.updated", details: settings });
    return settings;
  });
}

/** The mode a new contract gets: the setting, or on "auto" what the shop's plan allows best. */
export function collectionModeFor(settings: ShopSettings, shopifyPlus: boolean): ContractMode {
  if (settings.collectionMode === "auto") return shopifyPlus ? "native" : "stageOrder";
  if (settings.collectionMode === "native" && !shopifyPlus) return "stageOrder";
  return settings.collectionMode;
}
