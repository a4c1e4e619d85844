import { z } from "zod";

import type { ContractMode } from "../domain/contract/contract-state";
import { parseCalendarDate, type CalendarDate } from "../domain/dates/calendar-date";
import type { WorkingCalendar } from "../domain/dates/working-calendar";
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
  /** Where the daily digest of staff alerts goes; none: no digest. */
  readonly alertEmails: readonly string[];
  /** The days the shop works, which due dates move onto; saved by its own form (saveWorkingDays). */
  readonly workingDays: WorkingDaysSetting;
}

/** Where a due date that falls on a closed day goes; "off": it stays where the plan puts it. */
export type MoveDueDates = "off" | WorkingCalendar["move"];

export interface WorkingDaysSetting {
  /** ISO weekdays the shop is closed (6 and 7: Saturday and Sunday), ascending. */
  readonly closedWeekdays: readonly number[];
  /** Ascending. */
  readonly holidays: readonly CalendarDate[];
  readonly moveDueDates: MoveDueDates;
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
  alertEmails: [],
  workingDays: { closedWeekdays: [], holidays: [], moveDueDates: "off" },
};

/** A digest is for the shop's own people: a handful of addresses, not a mailing list. */
export const MAX_ALERT_EMAILS = 10;

/** The digest's addresses, each checked on its own so the refusal names the one that is wrong; the same one twice is kept once. */
const alertEmails = z
  .array(
    z
      .string()
      .trim()
      .refine(
        (address) => z.string().email().safeParse(address).success,
        (address) => ({ message: `“${address}” is not an email address` }),
      ),
  )
  .max(MAX_ALERT_EMAILS, `at most ${MAX_ALERT_EMAILS} addresses`)
  .transform((addresses) => addresses.filter((address, index) => addresses.findIndex((other) => other.toLowerCase() === address.toLowerCase()) === index));

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
  alertEmails: alertEmails.default([]),
});

export type ShopSettingsInput = z.input<typeof shopSettingsInput>;

/** Holidays for several years ahead fit; the next working day is looked for at most this many days past a week. */
export const MAX_HOLIDAYS = 500;

/** The working days as staff set them; each refusal names the field and, for a date, the date typed. */
export const workingDaysInput = z.object({
  closedWeekdays: z
    .array(
      z.number().int("a weekday is 1 (Monday) to 7 (Sunday)").min(1, "a weekday is 1 (Monday) to 7 (Sunday)").max(7, "a weekday is 1 (Monday) to 7 (Sunday)"),
    )
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .refine((days) => days.length < 7, "at least one weekday must be a working day"),
  holidays: z
    .array(z.string())
    .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} holidays`)
    .transform((texts, context) => {
      const dates: CalendarDate[] = [];
      for (const text of texts) {
        try {
          dates.push(parseCalendarDate(text, "holidays"));
        } catch {
          context.addIssue({ code: z.ZodIssueCode.custom, message: `“${text}” is not a real date in the form YYYY-MM-DD, like 2027-12-25` });
          return z.NEVER;
        }
      }
      return [...new Set(dates)].sort();
    }),
  moveDueDates: z.enum(["off", "nextWorkingDay", "previousWorkingDay"], {
    errorMap: () => ({ message: "choose whether due dates on a closed day stay, or move to the next or the previous working day" }),
  }),
});

export type WorkingDaysInput = z.input<typeof workingDaysInput>;

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
    alertEmails: JSON.parse(row.alertEmails) as string[],
    workingDays: workingDaysOf(row),
  };
}

function workingDaysOf(row: { closedWeekdays: string; holidays: string; moveDueDates: string }): WorkingDaysSetting {
  return {
    closedWeekdays: JSON.parse(row.closedWeekdays) as number[],
    holidays: JSON.parse(row.holidays) as CalendarDate[],
    moveDueDates: row.moveDueDates as MoveDueDates,
  };
}

/** The calendar attach freezes into a contract's order snapshot; none while the shop leaves due dates where they fall. */
export function workingCalendarOf(settings: ShopSettings): WorkingCalendar | undefined {
  const { closedWeekdays, holidays, moveDueDates } = settings.workingDays;
  if (moveDueDates === "off") return undefined;
  return { closedWeekdays, holidays, move: moveDueDates };
}

/**
 * Saves the shop's working days on their own: the general settings form leaves them as they are. Contracts already
 * attached keep the calendar they were attached with.
 */
export async function saveWorkingDays(db: Database, shop: string, input: WorkingDaysInput, actor: AuditActor): Promise<WorkingDaysSetting> {
  requireShop(shop);
  const workingDays = workingDaysInput.parse(input);
  return inTransaction(db, async (tx) => {
    const data = {
      closedWeekdays: toJsonColumn(workingDays.closedWeekdays),
      holidays: toJsonColumn(workingDays.holidays),
      moveDueDates: workingDays.moveDueDates,
    };
    await tx.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    await writeAudit(tx, shop, { actor, action: "workingDays.updated", details: workingDays });
    return workingDays;
  });
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
      alertEmails: toJsonColumn(settings.alertEmails),
    };
    const row = await tx.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    await writeAudit(tx, shop, { actor: context.actor, action: "settings.updated", details: settings });
    return { ...settings, workingDays: workingDaysOf(row) };
  });
}

/** The mode a new contract gets: the setting, or on "auto" what the shop's plan allows best. */
export function collectionModeFor(settings: ShopSettings, shopifyPlus: boolean): ContractMode {
  if (settings.collectionMode === "auto") return shopifyPlus ? "native" : "stageOrder";
  if (settings.collectionMode === "native" && !shopifyPlus) return "stageOrder";
  return settings.collectionMode;
}

/** A shop whose staff asked for the alert digest, and the day its last digest was claimed for. */
export interface AlertDigestSubscriber {
  readonly shop: string;
  readonly alertEmails: readonly string[];
  readonly alertDigestSentOn: CalendarDate | null;
}

/**
 * The shops with digest addresses whose digest may still be due: none claimed yet on `latestToday` (the calendar day
 * furthest ahead anywhere, so no shop's today is later). A shop done for its today is not read again. A shop that
 * uninstalled the app (no offline session) gets no digest in the days before its data is deleted.
 */
export async function alertDigestSubscribers(db: Database, latestToday: CalendarDate): Promise<AlertDigestSubscriber[]> {
  const rows = await db.shopSettings.findMany({
    where: { alertEmails: { not: "[]" }, OR: [{ alertDigestSentOn: null }, { alertDigestSentOn: { lt: latestToday } }] },
    select: { shop: true, alertEmails: true, alertDigestSentOn: true },
    orderBy: { shop: "asc" },
  });
  if (rows.length === 0) return [];
  const installed = await db.session.findMany({ where: { id: { in: rows.map((row) => `offline_${row.shop}`) } }, select: { shop: true } });
  const installedShops = new Set(installed.map((session) => session.shop));
  return rows
    .filter((row) => installedShops.has(row.shop))
    .map((row) => ({
      shop: row.shop,
      alertEmails: JSON.parse(row.alertEmails) as string[],
      alertDigestSentOn: row.alertDigestSentOn as CalendarDate | null,
    }));
}

/**
 * Claims the shop's digest of `day` in one conditional statement: of two workers sweeping at once, one finds the day
 * unclaimed and gets true; the other finds it claimed and gets false.
 */
export async function claimAlertDigestDay(db: Database, shop: string, day: CalendarDate): Promise<boolean> {
  requireShop(shop);
  const { count } = await db.shopSettings.updateMany({
    where: { shop, OR: [{ alertDigestSentOn: null }, { alertDigestSentOn: { lt: day } }] },
    data: { alertDigestSentOn: day },
  });
  return count === 1;
}

/** Gives back a claimed day whose digest was not sent, so that the next sweep tries again. */
export async function releaseAlertDigestDay(db: Database, shop: string, day: CalendarDate, previous: CalendarDate | null): Promise<void> {
  requireShop(shop);
  await db.shopSettings.updateMany({ where: { shop, alertDigestSentOn: day }, data: { alertDigestSentOn: previous } });
}
