import { digestDayAt, type StaffAlertList } from "../../domain/alerts/staff-alerts";
import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { renderStaffDigestEmail } from "../../emails/StaffDigestEmail";
import { errorMessage } from "../../lib/jobs/job-queue.server";
import { formatCalendarDate } from "../../locale/format";
import { alertCountWords, alertFormats, alertWords } from "../../locale/staff-alert-words";
import { writeAudit } from "../../models/audit-log.server";
import { alertDigestSubscribers, claimAlertDigestDay, releaseAlertDigestDay, type AlertDigestSubscriber } from "../../models/shop-settings.server";
import { shopFormat } from "../../models/shop-profile.server";
import { readStaffAlerts } from "../../models/staff-alerts.server";
import { sellerNameOf } from "../buyer-documents/buyer-document.server";
import { alertPagePath } from "./alert-page-path";
import type { ServiceDeps } from "../service-deps.server";

const ACTOR = "job:alert-digest" as const;

/** The alerts a digest lists; the rest are counted ("and 12 more") and wait on the dashboard. */
export const DIGEST_ITEMS = 25;

/** The zone furthest ahead (UTC+14): no shop's today is later than today there. */
const LATEST_ZONE = "Pacific/Kiritimati";

export type DigestOutcome = "sent" | "notYet" | "alreadySent" | "noAddresses" | "nothingToDo" | "claimedElsewhere" | "failed";

/**
 * Emails each shop's daily digest of staff alerts, at each sweep of the worker: once a shop's day reaches DIGEST_HOUR,
 * when it has addresses and at least one alert. Returns how many digests went out.
 */
export async function sendAlertDigests(deps: ServiceDeps, log: (line: string) => void = () => undefined): Promise<number> {
  const now = deps.now();
  const subscribers = await alertDigestSubscribers(deps.db, calendarDateAt(now, LATEST_ZONE));
  let sent = 0;
  for (const subscriber of subscribers) {
    try {
      if ((await sendAlertDigest(deps, subscriber, now, log)) === "sent") sent += 1;
    } catch (error) {
      // One shop's trouble (a database hiccup) leaves the others' digests going.
      log(`[alerts] the digest of ${subscriber.shop} failed: ${errorMessage(error)}`);
    }
  }
  return sent;
}

/**
 * One shop's digest for its day at `now`. The day is claimed in the database before the email goes out, so of two
 * workers sweeping at once only one sends it; a send that fails gives the claim back and the next sweep tries again.
 */
export async function sendAlertDigest(
  deps: ServiceDeps,
  subscriber: AlertDigestSubscriber,
  now: Date,
  log: (line: string) => void = () => undefined,
): Promise<DigestOutcome> {
  const { shop, alertEmails, alertDigestSentOn } = subscriber;
  if (alertEmails.length === 0) return "noAddresses";
  const { locale, timeZone } = await shopFormat(deps, shop);
  const day = digestDayAt(now, timeZone);
  if (day === null) return "notYet";
  if (alertDigestSentOn !== null && alertDigestSentOn >= day) return "alreadySent";
  const alerts = await readStaffAlerts(deps.db, shop, { today: day, timeZone }, DIGEST_ITEMS);
  if (alerts.total === 0) return "nothingToDo";
  if (!(await claimAlertDigestDay(deps.db, shop, day))) return "claimedElsewhere";
  try {
    const branding = await deps.db.shopBranding.findUnique({ where: { shop }, select: { sellerName: true } });
    const shopName = sellerNameOf(shop, { sellerName: branding?.sellerName ?? null });
    const email = await digestEmail(deps.buyerMail.appUrl, { shop, shopName, locale }, day, alerts);
    await deps.buyerMail.transport.send({
      from: { name: "Tranche", address: deps.buyerMail.transport.fromAddress },
      to: alertEmails.join(", "),
      replyTo: null,
      ...email,
      // The same message for the same day: a digest sent again after a lost answer shows once in mail clients.
      messageId: `alert-digest.${day}.${shop}@tranche.email`,
    });
  } catch (error) {
    await releaseAlertDigestDay(deps.db, shop, day, alertDigestSentOn);
    log(`[alerts] the digest of ${shop} for ${day} was not sent; the next sweep tries again: ${errorMessage(error)}`);
    return "failed";
  }
  await writeAudit(deps.db, shop, { actor: ACTOR, action: "alerts.digestSent", details: { day, recipients: alertEmails, counts: alerts.counts } });
  return "sent";
}

/** The words are English (staff alerts are not translated yet); amounts and days are in the shop's format. */
async function digestEmail(
  appUrl: string,
  { shop, shopName, locale }: { readonly shop: string; readonly shopName: string; readonly locale: string },
  day: CalendarDate,
  alerts: StaffAlertList,
) {
  const formats = alertFormats(locale);
  const admin = (path: string) => `${appUrl.replace(/\/+$/, "")}${path}?shop=${encodeURIComponent(shop)}`;
  const linkTo = (path: string | null) => (path === null ? null : admin(path));
  const count = alertCountWords(alerts.counts);
  return renderStaffDigestEmail({
    subject: `Tranche: ${count.total} (${count.byKind})`,
    heading: count.total,
    shopName,
    dayLabel: formatCalendarDate(day, locale),
    items: alerts.items.map((alert) => ({
      ...alertWords(alert, formats),
      // With ?shop= the app sends a browser that is not inside the Shopify admin there, to the same page.
      subjectUrl: linkTo(alertPagePath(alert)),
    })),
    moreCount: alerts.total - alerts.items.length,
    dashboardUrl: admin("/app"),
  });
}
