import { escapeHtml as escape, htmlDocument } from "../checkout/html-document";
import { utcTime } from "../control/utc-time";
import type { RouteResponse } from "../http/router";
import type { AppEmail } from "../state/model";

/**
 * One email from the app as a person reads it: its headers, its HTML in a sandboxed frame, its plain text. The
 * HTML is the app's output, so it is served apart (`/_emulator/mail/<id>.html`) with no scripts, no forms and no
 * same-origin access, whatever it contains; only its links work, opening in a new tab as in a webmail.
 */

/** No allow-scripts, no allow-same-origin: clicking a link (the pay link, the portal link) is all the frame may do. */
const EMAIL_FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

/** Also applies when the HTML is opened on its own, outside the frame (the `sandbox` directive). */
const EMAIL_HTML_POLICY = [
  "default-src 'none'",
  "img-src https: data:",
  "style-src 'unsafe-inline'",
  "font-src https: data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  `sandbox ${EMAIL_FRAME_SANDBOX}`,
].join("; ");

export const appEmailPagePath = (email: AppEmail) => `/_emulator/app-mailbox/${encodeURIComponent(email.id)}`;
const htmlPartPath = (email: AppEmail) => `/_emulator/mail/${encodeURIComponent(email.id)}.html`;

export function appEmailPage(email: AppEmail): string {
  const headers = [
    ["From", escape(email.from)],
    ["To", escape(email.to)],
    ["Received", `<time datetime="${escape(email.receivedAt)}">${utcTime(new Date(email.receivedAt))}</time>`],
    ["Message-ID", escape(email.messageId ?? "none")],
    ...(email.deliveries > 1 ? [["Deliveries", `Delivered ${email.deliveries} times with the same Message-ID; a mail client shows it once.`]] : []),
  ];
  const htmlPart = email.html
    ? `<iframe title="The email's HTML part" src="${htmlPartPath(email)}" sandbox="${EMAIL_FRAME_SANDBOX}" referrerpolicy="no-referrer" style="width: 100%; height: 40rem; border: 1px solid #ccc"></iframe>
<p>Links in the email open in a new tab.</p>`
    : "<p>This email has no HTML part.</p>";
  const textPart = email.text ? `<pre style="white-space: pre-wrap">${withLinks(email.text)}</pre>` : "<p>This email has no plain-text part.</p>";
  const body = `<p><a href="/_emulator#app-mailbox">Back to the control page</a></p>
<h1>${escape(email.subject || "(no subject)")}</h1>
<dl>
${headers.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`).join("\n")}
</dl>
<section aria-labelledby="html-part-heading">
<h2 id="html-part-heading">HTML</h2>
${htmlPart}
</section>
<section aria-labelledby="text-part-heading">
<h2 id="text-part-heading">Plain text</h2>
${textPart}
</section>`;
  return htmlDocument(`Email: ${email.subject}`, body, { wide: true });
}

/** The email's HTML part for the frame, under a policy that keeps it inert but for its links. */
export function appEmailHtmlPart(email: AppEmail): RouteResponse {
  if (!email.html) return { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "This email has no HTML part." };
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": EMAIL_HTML_POLICY, "x-content-type-options": "nosniff" },
    body: withLinksInNewTab(email.html),
  };
}

const NEW_TAB_BASE = '<base target="_blank">';

/** A link in a frame opens in the frame by default; a webmail opens it in a new tab, and so does this one. */
function withLinksInNewTab(html: string): string {
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) return NEW_TAB_BASE + html;
  const end = head.index + head[0].length;
  return html.slice(0, end) + NEW_TAB_BASE + html.slice(end);
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"'[\]]+/g;

/** The plain text, escaped, with its web addresses made links (html-to-text writes them as `Pay now [https://…]`). */
function withLinks(text: string): string {
  let html = "";
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    html += escape(text.slice(from, match.index)) + `<a href="${escape(match[0])}">${escape(match[0])}</a>`;
    from = match.index + match[0].length;
  }
  return html + escape(text.slice(from));
}
