import { dueReminder } from "../../domain/contract/reminders";
import type { StageStatus } from "../../domain/contract/stage-status";
import { addDays, calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { writeAudit } from "../../models/audit-log.server";
import { getContract } from "../../models/contracts.server";
import { isUniqueViolation } from "../../models/database.server";
import { DEFAULT_SHOP_SETTINGS, getShopSettings, type ShopSettings } from "../../models/shop-settings.server";
import { emailStageLink } from "./contract-actions.server";
import type { ServiceDeps } from "../service-deps.server";

const ACTOR = "job:reminders" as const;

/** Reminders a sweep missed (the workers were down) are still sent this many days after their day. */
const CATCH_UP_DAYS = 30;

/**
 * The due dates that can have a reminder to send today anywhere: from the longest "after" offset any shop uses (and
 * the catch-up) before today to the longest "before" offset after it, a day wider each way for the shops' time
 * zones. Stages due outside it are not read, so a sweep reads what is due, not every open stage (Stage's
 * status + due date index).
 */
async function reminderWindow(deps: ServiceDeps, now: Date): Promise<{ from: CalendarDate; to: CalendarDate }> {
  const custom = await deps.db.shopSettings.findMany({ select: { remindBeforeDays: true, remindAfterDays: true } });
  const longest = (texts: string[], defaults: readonly number[]) => Math.max(0, ...defaults, ...texts.flatMap((text) => JSON.parse(text) as number[]));
  const today = calendarDateAt(now, "UTC");
  return {
    from: addDays(
      today,
      -(
        longest(
          custom.map((row) => row.remindAfterDays),
          DEFAULT_SHOP_SETTINGS.remindAfterDays,
        ) +
        CATCH_UP_DAYS +
        1
      ),
    ),
    to: addDays(
      today,
      longest(
        custom.map((row) => row.remindBeforeDays),
        DEFAULT_SHOP_SETTINGS.remindBeforeDays,
      ) + 1,
    ),
  };
}

/**
 * Emails the links of unpaid stages again on the shop's reminder days (Settings). Each reminder is claimed in
 * the database before the email goes out, so two workers, or a sweep repeated after a crash, never send one
 * twice; a claim whose email then failed is put on the contract's timeline and not retried, rather than risk a
 * duplicate.
 */
export async function sendDueReminders(deps: ServiceDeps, log: (line: string) => void = () => undefined): Promise<number> {
  const now = deps.now();
  const window = await reminderWindow(deps, now);
  const stages = await deps.db.stage.findMany({
    where: {
      status: { in: ["invoiced", "overdue"] },
      dueDate: { gte: window.from, lte: window.to },
      contract: { status: { in: ["awaitingDeposit", "active"] } },
    },
    select: {
      id: true,
      position: true,
      status: true,
      dueDate: true,
      linkEmailedAt: true,
      contractId: true,
      contract: { select: { shop: true, timeZone: true } },
    },
  });
  // What was sent already, for every candidate stage in one query (this runs at every sweep).
  const sentRows = await deps.db.stageReminder.findMany({
    where: { stageId: { in: stages.map((stage) => stage.id) } },
    select: { stageId: true, offset: true },
  });
  const sentByStage = new Map<string, Set<string>>();
  for (const row of sentRows) sentByStage.set(row.stageId, (sentByStage.get(row.stageId) ?? new Set()).add(row.offset));
  const settingsByShop = new Map<string, ShopSettings>();
  let sent = 0;
  for (const stage of stages) {
    const shop = stage.contract.shop;
    const settings = settingsByShop.get(shop) ?? (await getShopSettings(deps.db, shop));
    settingsByShop.set(shop, settings);
    const timeZone = stage.contract.timeZone;
    const today = calendarDateAt(now, timeZone);
    const decision = dueReminder(
      {
        status: stage.status as StageStatus,
        dueDate: stage.dueDate as CalendarDate,
        linkEmailedOn: stage.linkEmailedAt ? calendarDateAt(stage.linkEmailedAt, timeZone) : null,
      },
      today,
      settings,
      sentByStage.get(stage.id) ?? new Set(),
    );
    if (!decision) continue;
    try {
      await deps.db.stageReminder.createMany({ data: decision.offsets.map((offset) => ({ shop, stageId: stage.id, offset, sentAt: now })) });
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    const contract = await getContract(deps.db, shop, stage.contractId);
    const current = contract?.stages.find((candidate) => candidate.id === stage.id);
    if (!contract || !current) continue;
    try {
      await emailStageLink(deps, shop, contract, current, ACTOR, { kind: "reminder", offsets: decision.offsets });
      sent += 1;
    } catch (error) {
      // Claimed and not sent: not retried (a retry could send it twice), but on the contract's timeline for staff.
      const reason = (error as Error).message;
      log(`[reminders] stage ${stage.position} of contract ${contract.id}: ${reason}`);
      await writeAudit(deps.db, shop, {
        actor: ACTOR,
        action: "stage.reminderFailed",
        contractId: contract.id,
        details: { position: stage.position, reminder: decision.offsets.join(", "), reason },
      });
    }
  }
  return sent;
}
