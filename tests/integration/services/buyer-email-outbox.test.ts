import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { listAudit } from "../../../app/models/audit-log.server";
import { claimOutgoingEmail, getOutgoingEmail, markEmailFailed, queueBuyerEmail, reopenEmail } from "../../../app/models/outgoing-emails.server";
import { EMAIL_CLAIM_MS, sendOutgoingEmail, type EmailSenderDeps } from "../../../app/services/buyer-email/send-outgoing-email.server";
import { smtpMailTransport } from "../../../app/services/buyer-email/mail-transport.server";
import { MAX_EMAIL_ATTEMPTS } from "../../../app/services/buyer-email/email-retry";
import { startSmtpMailbox, type SmtpMailbox } from "../../support/smtp-mailbox";
import { TEST_APP_URL, TEST_LINK_SECRET } from "../../support/buyer-mail";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

const SHOP = "outbox.myshopify.com";
const database = await createTestDatabase();
let mailbox: SmtpMailbox;
let clock = new Date("2027-01-20T15:00:00Z");

function sender(): EmailSenderDeps {
  return {
    db: database.prisma,
    mail: smtpMailTransport(mailbox.url, "payments@tranche.test"),
    now: () => clock,
    appUrl: TEST_APP_URL,
    linkSecret: TEST_LINK_SECRET,
  };
}

let drafts = 0;
async function contractWithBuyer(email: string | null = "avery@example.test") {
  drafts += 1;
  const contract = await seedContract(database.prisma, SHOP, `gid://shopify/DraftOrder/${drafts}`);
  await database.prisma.contract.update({ where: { id: contract.id }, data: { customerEmail: email, customerName: "Avery Quinn", sourceDraftName: "#D1" } });
  return contract;
}

async function queued(contractId: string, dedupeKey = `stageInvoice:${contractId}`) {
  await queueBuyerEmail(database.prisma, SHOP, { contractId, email: { kind: "stageInvoice", stagePosition: 2 }, dedupeKey });
  const row = await database.prisma.outgoingEmail.findUniqueOrThrow({ where: { shop_dedupeKey: { shop: SHOP, dedupeKey } } });
  return row.id;
}

beforeAll(async () => {
  mailbox = await startSmtpMailbox();
});
beforeEach(() => {
  mailbox.received.length = 0;
  mailbox.reject = null;
});
afterAll(async () => {
  await mailbox.close();
  await database.cleanup();
});

describe("the buyer email outbox over real SMTP", () => {
  it("sends a queued email once, under the Message-ID fixed when it was queued, and puts it on the timeline", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    expect(await sendOutgoingEmail(sender(), id)).toBe("sent");
    expect(await sendOutgoingEmail(sender(), id)).toBe("notMine");
    const row = await getOutgoingEmail(database.prisma, id);
    expect(mailbox.received).toHaveLength(1);
    const [mail] = mailbox.received;
    expect(mail!.messageId).toBe(row!.messageId);
    expect(mail!.to).toBe("avery@example.test");
    expect(mail!.subject).toContain("2");
    expect(mail!.subject).toContain("#D1");
    // The amount of stage 2 (600.00 EUR of the 1200.00 order) is what the email asks for.
    expect(mail!.text).toContain("600.00");
    expect(mail!.html).toContain(`${TEST_APP_URL}/portal/`);
    expect(row).toMatchObject({ status: "sent", attempts: 1, recipient: "avery@example.test" });
    const audit = await listAudit(database.prisma, SHOP, { contractId: contract.id });
    expect(audit.filter((entry) => entry.action === "email.sent")).toHaveLength(1);
  });

  it("fails, for staff to see, an email whose stored payload no version of the app can read", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    await database.prisma.outgoingEmail.update({ where: { id }, data: { payload: JSON.stringify({ kind: "stageInvoice", stagePosition: 0 }) } });
    expect(await sendOutgoingEmail(sender(), id)).toBe("notMine");
    const row = await database.prisma.outgoingEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("stagePosition");
  });

  it("queues a key once: a retried job or a duplicate webhook adds no second email", async () => {
    const contract = await contractWithBuyer();
    await queued(contract.id, "paid:tx-1");
    await queued(contract.id, "paid:tx-1");
    expect(await database.prisma.outgoingEmail.count({ where: { contractId: contract.id } })).toBe(1);
  });

  it("lets one of two workers racing for an email send it", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    const outcomes = await Promise.all([sendOutgoingEmail(sender(), id), sendOutgoingEmail(sender(), id), sendOutgoingEmail(sender(), id)]);
    expect(outcomes.filter((outcome) => outcome === "sent")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "notMine")).toHaveLength(2);
    expect(mailbox.received).toHaveLength(1);
  });

  it("sends an email a worker died sending again once its claim ran out, with the same Message-ID and words", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    // The dead worker claimed it and rendered it, then stopped before the server answered. Claims run on the
    // database's clock: the claim is real time from now.
    await database.prisma.outgoingEmail.update({
      where: { id },
      data: {
        status: "sending",
        attempts: 1,
        claimedUntil: new Date(Date.now() + EMAIL_CLAIM_MS),
        subject: "Kept subject",
        html: "<p>kept</p>",
        text: "kept",
        recipient: "avery@example.test",
      },
    });
    expect(await sendOutgoingEmail(sender(), id)).toBe("notMine");
    // The app's clock moving on does not end a claim; the database's does.
    clock = new Date(clock.getTime() + 10 * EMAIL_CLAIM_MS);
    expect(await sendOutgoingEmail(sender(), id)).toBe("notMine");
    await database.prisma.outgoingEmail.update({ where: { id }, data: { claimedUntil: new Date(Date.now() - 1_000) } });
    expect(await sendOutgoingEmail(sender(), id)).toBe("sent");
    const row = await getOutgoingEmail(database.prisma, id);
    expect(mailbox.received.map((mail) => [mail.messageId, mail.subject])).toEqual([[row!.messageId, "Kept subject"]]);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps an email sent when a worker that outlived its claim reports its own attempt late", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    const slow = await claimOutgoingEmail(database.prisma, id, clock, EMAIL_CLAIM_MS);
    expect(slow).not.toBeNull();
    // Its claim runs out (the server hung); another worker takes the email and sends it.
    await database.prisma.outgoingEmail.update({ where: { id }, data: { claimedUntil: new Date(Date.now() - 1_000) } });
    expect(await sendOutgoingEmail(sender(), id)).toBe("sent");
    await markEmailFailed(database.prisma, slow!, { error: "socket timeout", final: false, retryAt: null, actor: "job:buyer-email" });
    expect(await getOutgoingEmail(database.prisma, id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(mailbox.received).toHaveLength(1);
  });

  it("retries a server's temporary refusal later, then shows a permanent one to staff, who may send it again", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    mailbox.reject = { code: 451, message: "try again later" };
    expect(await sendOutgoingEmail(sender(), id)).toBe("retrying");
    let row = await getOutgoingEmail(database.prisma, id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toContain("try again later");
    expect(row!.nextAttemptAt!.getTime()).toBeGreaterThan(clock.getTime());
    // Not before its time.
    expect(await sendOutgoingEmail(sender(), id)).toBe("notMine");
    clock = new Date(row!.nextAttemptAt!.getTime());
    mailbox.reject = { code: 550, message: "no such mailbox" };
    expect(await sendOutgoingEmail(sender(), id)).toBe("failed");
    row = await getOutgoingEmail(database.prisma, id);
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    const failed = (await listAudit(database.prisma, SHOP, { contractId: contract.id })).filter((entry) => entry.action === "email.failed");
    expect(failed).toHaveLength(1);
    expect(String(failed[0]!.details.error)).toContain("no such mailbox");
    expect(mailbox.received).toHaveLength(0);

    mailbox.reject = null;
    expect(await reopenEmail(database.prisma, SHOP, id, "staff:1")).not.toBeNull();
    expect(await sendOutgoingEmail(sender(), id)).toBe("sent");
    expect(mailbox.received).toHaveLength(1);
  });

  it(`gives up after ${MAX_EMAIL_ATTEMPTS} temporary refusals`, async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    mailbox.reject = { code: 421, message: "service not available" };
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt += 1) {
      outcomes.push(await sendOutgoingEmail(sender(), id));
      const row = await getOutgoingEmail(database.prisma, id);
      if (row!.nextAttemptAt) clock = new Date(row!.nextAttemptAt.getTime());
    }
    expect(outcomes).toEqual([...Array<string>(MAX_EMAIL_ATTEMPTS - 1).fill("retrying"), "failed"]);
    expect(await getOutgoingEmail(database.prisma, id)).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS });
  });

  it("fails, for staff to see, an email its workers kept dying on rather than claiming it for ever", async () => {
    const contract = await contractWithBuyer();
    const id = await queued(contract.id);
    await database.prisma.outgoingEmail.update({
      where: { id },
      data: { status: "sending", attempts: MAX_EMAIL_ATTEMPTS, claimedUntil: new Date(Date.now() - 1_000) },
    });
    expect(await sendOutgoingEmail(sender(), id)).toBe("failed");
    const row = await getOutgoingEmail(database.prisma, id);
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toContain("workers stopped while sending it");
    expect(mailbox.received).toHaveLength(0);
  });

  it("skips, on the timeline, an email to a buyer without an address", async () => {
    const contract = await contractWithBuyer(null);
    const id = await queued(contract.id);
    expect(await sendOutgoingEmail(sender(), id)).toBe("skipped");
    expect(await getOutgoingEmail(database.prisma, id)).toMatchObject({ status: "skipped" });
    expect(mailbox.received).toHaveLength(0);
    const audit = await listAudit(database.prisma, SHOP, { contractId: contract.id });
    expect(audit.some((entry) => entry.action === "email.skipped")).toBe(true);
  });
});
