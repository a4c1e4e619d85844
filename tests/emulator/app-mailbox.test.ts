import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { EmulatorStore } from "../../emulator/state/emulator-store";

/**
 * The emulator's SMTP server, as the app uses it: messages sent with nodemailer over a socket become the app's
 * emails, one per Message-ID, listed as JSON and on the control page, each readable on a page that frames its HTML
 * without scripts.
 */

const DAY_MS = 86_400_000;
const PAY_LINK = "http://localhost:3000/pay/stage-2?token=abc";

interface AppEmailJson {
  readonly id: string;
  readonly messageId: string | null;
  readonly from?: string;
  readonly to: string;
  readonly subject: string;
  readonly receivedAt: string;
  readonly deliveries: number;
  readonly html?: string | null;
  readonly text?: string | null;
}

let emulator: RunningEmulator;
let transport: Transporter;

beforeAll(async () => {
  emulator = await startEmulator({ smtp: { port: 0 } });
  transport = nodemailer.createTransport(emulator.smtpUrl!);
});
afterAll(async () => {
  transport.close();
  await emulator.close();
});

function send(message: { messageId: string; to: string; subject: string; html?: string; text?: string }): Promise<unknown> {
  return transport.sendMail({ from: { name: "Northwind Furniture Works", address: "payments@tranche.test" }, ...message, messageId: `<${message.messageId}>` });
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

async function getText(path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${emulator.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const mailboxOf = (page: string) =>
  page.slice(page.indexOf('<section id="app-mailbox"'), page.indexOf("</section>", page.indexOf('<section id="app-mailbox"')));

describe("the app's emails over SMTP, GET /_emulator/mail", () => {
  it("keeps a message as an email with its recipient, subject, parts and the emulator's time of arrival", async () => {
    emulator.store.clock.advance(30 * DAY_MS);
    const before = emulator.store.clock.now().getTime();
    await send({
      messageId: "stage-2.request@tranche.test",
      to: "maria.gonzalez@lonestar-law.example",
      subject: "Payment 2 of 3 is due",
      html: `<!doctype html><html><head><title>Payment</title></head><body><p>Hello Maria</p><a href="${PAY_LINK}">Pay now</a></body></html>`,
      text: `Hello Maria\n\nPay now [${PAY_LINK}]`,
    });

    const list = await getJson<AppEmailJson[]>("/_emulator/mail");
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: "app-email-1",
        messageId: "stage-2.request@tranche.test",
        to: "maria.gonzalez@lonestar-law.example",
        subject: "Payment 2 of 3 is due",
        receivedAt: expect.any(String) as string,
        deliveries: 1,
      },
    ]);
    const receivedAt = new Date(list.body[0]!.receivedAt).getTime();
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt - before).toBeLessThan(60_000);

    const { body: email } = await getJson<AppEmailJson>("/_emulator/mail/app-email-1");
    expect(email.from).toBe('"Northwind Furniture Works" <payments@tranche.test>');
    expect(email.html).toContain(`<a href="${PAY_LINK}">Pay now</a>`);
    expect(email.text).toBe(`Hello Maria\n\nPay now [${PAY_LINK}]`);
    expect((await getJson("/_emulator/mail/app-email-404")).status).toBe(404);
  });

  it("counts a second message with the same Message-ID as another delivery of the same email", async () => {
    const message = { messageId: "stage-3.receipt@tranche.test", to: "maria.gonzalez@lonestar-law.example", subject: "Receipt", text: "Thank you." };
    await send(message);
    await send({ ...message, text: "Thank you (resent after a crash)." });

    const { body: emails } = await getJson<AppEmailJson[]>("/_emulator/mail");
    const receipts = emails.filter((email) => email.messageId === message.messageId);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.deliveries).toBe(2);
    expect((await getJson<AppEmailJson>(`/_emulator/mail/${receipts[0]!.id}`)).body).toMatchObject({
      text: expect.stringMatching(/^Thank you\.\n?$/) as string,
      html: null,
    });
  });

  it("are kept in the snapshot, so a restarted emulator still shows them", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tranche-app-mail-")), "state.json");
    emulator.store.save(file);
    const restored = new EmulatorStore();
    restored.load(file);
    expect(restored.appEmails).toEqual(emulator.store.appEmails);
    expect(restored.receiveAppEmail({ ...restored.appEmails[0]!, subject: "again" }).deliveries).toBe(2);
  });
});

describe("the app's emails on the control page", () => {
  it("lists them newest first beside Shopify's, with escaped subjects, links to each and the repeat deliveries", async () => {
    await send({ messageId: "hostile@tranche.test", to: "buyer@example.com", subject: "<script>alert(1)</script> & more", text: "Hi" });
    const page = (await getText("/_emulator")).text;
    expect(page).toContain('<li><a href="#app-mailbox">Emails from the app</a></li>');
    expect(page).not.toContain("<script");
    const mailbox = mailboxOf(page);
    expect(mailbox).toContain('<h2 id="app-mailbox-heading">Emails from the app (SMTP)</h2>');
    expect(mailbox).toContain(`<code>${emulator.smtpUrl}</code>`);
    expect(mailbox).toContain('<a href="/_emulator/app-mailbox/app-email-3">&#60;script&#62;alert(1)&#60;/script&#62; &#38; more</a>');
    expect(mailbox).toContain('<a href="/_emulator/app-mailbox/app-email-2">Receipt</a> <small>(delivered 2 times)</small>');
    expect(mailbox).toContain("<td>maria.gonzalez@lonestar-law.example</td>");
    const order = ["app-email-3", "app-email-2", "app-email-1"].map((id) => mailbox.indexOf(`/_emulator/app-mailbox/${id}"`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
  });

  it("opens an email on a page that frames its HTML in a sandbox without scripts and links the plain text's addresses", async () => {
    const page = await getText("/_emulator/app-mailbox/app-email-1");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Payment 2 of 3 is due</h1>");
    const frame = /<iframe [^>]*>/.exec(page.text)![0];
    expect(frame).toContain('src="/_emulator/mail/app-email-1.html"');
    expect(frame).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"');
    expect(frame).toContain('title="The email');
    expect(page.text).toContain(`Pay now [<a href="${PAY_LINK.replace("&", "&#38;")}">${PAY_LINK}</a>]`);
    expect((await getText("/_emulator/app-mailbox/app-email-3")).text).toContain("<h1>&#60;script&#62;alert(1)&#60;/script&#62; &#38; more</h1>");
  });

  it("serves the HTML part under a policy with no scripts, forms or same origin, its links opening in a new tab", async () => {
    const part = await getText("/_emulator/mail/app-email-1.html");
    expect(part.status).toBe(200);
    expect(part.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = part.headers.get("content-security-policy")!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).toContain("sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation");
    expect(policy).not.toMatch(/script-src|allow-scripts|allow-same-origin/);
    expect(part.text).toContain('<head><base target="_blank"><title>Payment</title>');
    expect(part.text).toContain(`<a href="${PAY_LINK}">Pay now</a>`);
    expect((await getText("/_emulator/mail/app-email-2.html")).status).toBe(404);
  });
});

describe("the SMTP port", () => {
  it("is refused when taken, unless a free port will do", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startEmulator({ smtp: { port } })).rejects.toThrow(/EADDRINUSE/);
      const elsewhere = await startEmulator({ smtp: { port, freePortIfTaken: true } });
      expect(elsewhere.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(elsewhere.smtpUrl).not.toBe(`smtp://127.0.0.1:${port}`);
      await elsewhere.close();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
