import { escapeHtml as escape } from "../checkout/html-document";
import { appEmailPagePath } from "../mail/app-email-page";
import type { AppEmail } from "../state/model";
import { utcTime } from "./utc-time";

/**
 * The control page's second mailbox: the emails the app itself sent (payment requests, receipts, reminders, the
 * buyer's portal link) over SMTP to the emulator, newest first, each opening on its own page.
 */
export function appMailboxSection(emails: readonly AppEmail[], smtpUrl: string | undefined): string {
  const server = smtpUrl
    ? `<p>The app sends them over SMTP to <code>${escape(smtpUrl)}</code> (its <code>SMTP_URL</code>).</p>`
    : "<p>The emulator was started without its SMTP server, so the app's emails do not arrive here.</p>";
  const rows = [...emails].reverse().map((email) => {
    const deliveries = email.deliveries > 1 ? ` <small>(delivered ${email.deliveries} times)</small>` : "";
    return `<tr><td>${utcTime(new Date(email.receivedAt))}</td><td>${escape(email.from)}</td><td>${escape(email.to)}</td><td><a href="${appEmailPagePath(email)}">${escape(email.subject || "(no subject)")}</a>${deliveries}</td></tr>`;
  });
  const table = rows.length
    ? `<table>
<caption>Emails the app sent, newest first</caption>
<thead><tr><th scope="col">Received</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`
    : "<p>No emails from the app yet.</p>";
  return `<section id="app-mailbox" aria-labelledby="app-mailbox-heading">
<h2 id="app-mailbox-heading">Emails from the app (SMTP)</h2>
${server}
${table}
</section>`;
}
