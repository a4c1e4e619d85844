import { dueReminder } from "../../domain/contract/reminders";
import type { StageStatus } from "../../domain/contract/stage-status";
import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { writeAudit } from "../../models/audit-log.server";
import { getContract } from "../../models/contracts.server";
import { isUniqueViolation } from "../../models/database.server";
import { getShopSettings, type ShopSettings } from "../../models/shop-settings.server";
import { emailStageLink } from "./contract-actions.server";
import type { ServiceDeps } from "../service-deps.server";

const ACTOR = "job:reminders" as const;

/**
 * Emails the links of unpaid stages again on the shop's reminder days (Settings). Each reminder is claimed in
 * the database before the email goes out, so two workers, or a sweep repeated after a crash, never send one
 * twice; a claim whose email then failed is put on the contract's timeline and not retried, rather than risk a
 * duplicate.
 */
export async function sendDueReminders(deps: ServiceDeps, log: (line: string) => void = () => undefined): Promise<number> {
  const now = deps.now();
  const stages = await deps.db.stage.findMany({
    where: { status: { in: ["invoiced", "overdue"] }, dueDate: { not: null }, contract: { status: { in: ["awaitingDeposit", "active"] } } },
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
      await emailStageLink(deps, shop, contract, current, ACTOR, { reminder: decision.offsets.join(", ") });
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
