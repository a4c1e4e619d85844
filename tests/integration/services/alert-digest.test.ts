import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { listAudit } from "../../../app/models/audit-log.server";
import { smtpMailTransport } from "../../../app/services/buyer-email/mail-transport.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { sendAlertDigests } from "../../../app/services/staff-alerts/send-alert-digest.server";
import { TEST_APP_URL, testBuyerMail } from "../../support/buyer-mail";
import { startSmtpMailbox, type SmtpMailbox } from "../../support/smtp-mailbox";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
let mailbox: SmtpMailbox;
let clock = new Date("2027-03-10T06:00:00Z");
const logged: string[] = [];

function deps(): ServiceDeps {
  return {
    db,
    jobs: undefined as never,
    // No Shopify here: the shop's format is the one stored in its profile.
    adminFor: () => Promise.reject(new Error("no Shopify in this test")),
    now: () => clock,
    buyerMail: testBuyerMail(smtpMailTransport(mailbox.url, "payments@tranche.test")),
  };
}

const sweep = () => sendAlertDigests(deps(), (line) => logged.push(line));

let drafts = 0;

/**
 * A Berlin shop's contract (1200.00 EUR in 360.00 / 600.00 / 240.00) with its deposit paid, an overdue stage 2 and a
 * declined card on stage 3, and the staff addresses the digest goes to.
 */
async function shopWithTroubles(shop: string, alertEmails: readonly string[]): Promise<string> {
  drafts += 1;
  const contract = await seedContract(db, shop, `gid://shopify/DraftOrder/${drafts}`);
  await db.contract.update({
    where: { id: contract.id },
    data: { status: "active", timeZone: "Europe/Berlin", sourceDraftName: `#D${drafts}`, customerName: "Oak & Iron Ltd" },
  });
  const [deposit, second, third] = contract.stages;
  await db.stage.update({ where: { id: deposit!.id }, data: { status: "paid", paidMinor: deposit!.amountMinor } });
  await db.stage.update({ where: { id: second!.id }, data: { status: "overdue", dueDate: "2027-03-01" } });
  await db.stage.update({
    where: { id: third!.id },
    data: { status: "failed", dueDate: "2027-03-09", attempts: 1, nextAttemptAt: new Date("2027-03-11T09:00:00Z") },
  });
  await db.shopSettings.create({ data: { shop, alertEmails: JSON.stringify(alertEmails) } });
  // What Shopify last said of the shop: its zone decides when its day reaches 08:00.
  await db.shopProfile.create({ data: { shop, locale: "en-US", timeZone: "Europe/Berlin", refreshedAt: new Date("2027-03-10T00:00:00Z") } });
  await installed(shop);
  return contract.id;
}

/** The app is installed: the shop has its offline session. */
async function installed(shop: string) {
  await db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "token" } });
}

const sentOn = async (shop: string) => (await db.shopSettings.findUniqueOrThrow({ where: { shop } })).alertDigestSentOn;

beforeAll(async () => {
  mailbox = await startSmtpMailbox();
});
beforeEach(async () => {
  // Each case's shop alone asks for digests: a sweep sends every shop's that is due.
  await db.shopSettings.deleteMany();
  mailbox.received.length = 0;
  mailbox.reject = null;
  logged.length = 0;
});
afterAll(async () => {
  await mailbox.close();
  await database.cleanup();
});

describe("the daily digest of staff alerts", () => {
  it("goes out once a day from 08:00 in the shop's zone, to every address, listing each alert with a link to its contract", async () => {
    const shop = "digest-daily.myshopify.com";
    const contractId = await shopWithTroubles(shop, ["owner@oak-and-iron.test", "books@oak-and-iron.test"]);

    // 07:00 in Berlin (UTC+1): not yet, and the day is not claimed.
    clock = new Date("2027-03-10T06:00:00Z");
    expect(await sweep()).toBe(0);
    expect(mailbox.received).toHaveLength(0);
    expect(await sentOn(shop)).toBeNull();

    // 08:30 in Berlin.
    clock = new Date("2027-03-10T07:30:00Z");
    expect(await sweep()).toBe(1);
    expect(mailbox.received).toHaveLength(1);
    const [digest] = mailbox.received;
    expect(digest!.to).toBe("owner@oak-and-iron.test,books@oak-and-iron.test");
    expect(digest!.subject).toBe("Tranche: 2 things need you today (1 declined charge, 1 overdue)");
    expect(digest!.parsed.from?.value[0]).toMatchObject({ name: "Tranche", address: "payments@tranche.test" });
    expect(digest!.html).toContain(`href="${TEST_APP_URL}/app/contracts/${contractId}?shop=${shop}"`);
    expect(digest!.html).toContain(`href="${TEST_APP_URL}/app?shop=${shop}"`);
    const text = digest!.text.replace(/\s+/g, " ");
    expect(text).toContain("on March 10, 2027");
    expect(text).toContain("the saved card was declined for stage 3");
    expect(text).toContain("€240.00 owed");
    expect(text).toContain("The card is tried again on Mar 11, 2027");
    expect(text).toContain("stage 2 (");
    expect(text).toContain("is 9 days overdue: €600.00 was due on Mar 1, 2027");
    // The declined charge first: the most urgent.
    expect(text.indexOf("declined for stage 3")).toBeLessThan(text.indexOf("9 days overdue"));
    expect(text).not.toMatch(/gid:\/\//);
    expect(await sentOn(shop)).toBe("2027-03-10");
    expect((await listAudit(db, shop)).filter((entry) => entry.action === "alerts.digestSent")).toHaveLength(1);

    // Later the same day: nothing more.
    clock = new Date("2027-03-10T18:00:00Z");
    expect(await sweep()).toBe(0);
    expect(mailbox.received).toHaveLength(1);

    // The next morning: again.
    clock = new Date("2027-03-11T08:00:00Z");
    expect(await sweep()).toBe(1);
    expect(mailbox.received).toHaveLength(2);
    expect(await sentOn(shop)).toBe("2027-03-11");
  });

  it("lists a parked job and a customer at their credit limit too, in words and each with a link to its page", async () => {
    const shop = "digest-parked-credit.myshopify.com";
    const contractId = await shopWithTroubles(shop, ["owner@parked.test"]);
    const customer = "gid://shopify/Customer/77";
    // The contract owes 840.00 EUR (its deposit paid): over the customer's 500.00 EUR limit.
    await db.contract.update({ where: { id: contractId }, data: { customerId: customer } });
    await db.customerTerms.create({
      data: { shop, subjectKind: "customer", subjectId: customer, subjectName: "Oak & Iron Ltd", creditLimitMinor: 50_000n, creditLimitCurrency: "EUR" },
    });
    // A sync the queue gave up on, its reason as the collection writes it: our id, a GID and "12.34 EUR".
    await db.parkedJob.create({
      data: {
        jobId: "digest-parked-1",
        queue: "contract-sync",
        kind: "contract:sync",
        shop,
        payload: JSON.stringify({ contractId, reason: "due sweep" }),
        reason: `Shopify refused a refund of cancelled contract ${contractId} (transaction gid://shopify/OrderTransaction/77: INVALID); 12.34 EUR of the chosen refund is not given back`,
        attempts: 3,
        parkedAt: new Date("2027-03-16T05:00:00Z"),
      },
    });

    clock = new Date("2027-03-16T08:00:00Z");
    expect(await sweep()).toBe(1);
    const digest = mailbox.received.find((mail) => mail.to === "owner@parked.test");
    expect(digest!.subject).toBe("Tranche: 4 things need you today (1 declined charge, 1 overdue, 1 stopped task, 1 at its credit limit)");
    const text = digest!.text.replace(/\s+/g, " ");
    expect(text).toContain("Tranche stopped bringing this contract up to date with Shopify after 3 tries on Mar 16, 2027.");
    expect(text).toContain(
      "What went wrong: Shopify refused a refund of cancelled contract (transaction the order transaction: INVALID); €12.34 of the chosen refund is not given back.",
    );
    expect(text).toContain("owes €840.00 on 1 contract, €340.00 over the €500.00 credit limit.");
    expect(text).toContain("A new order for them is refused unless staff attach it with a reason.");
    expect(digest!.html).toContain(`href="${TEST_APP_URL}/app/customers/77?shop=${shop}"`);
    expect(digest!.html).toContain(`href="${TEST_APP_URL}/app/contracts/${contractId}?shop=${shop}"`);
    // The links carry the contract's id; the words never do.
    const words = text.replace(/https?:\/\/\S+/g, "");
    expect(words).not.toContain(contractId);
    expect(words).not.toMatch(/gid:\/\/|12\.34 EUR/);
  });

  it("is sent once when two workers sweep at the same moment", async () => {
    const shop = "digest-race.myshopify.com";
    await shopWithTroubles(shop, ["owner@race.test"]);
    clock = new Date("2027-03-12T09:00:00Z");
    const sent = await Promise.all([sweep(), sweep(), sweep()]);
    const ours = mailbox.received.filter((mail) => mail.to === "owner@race.test");
    expect(ours).toHaveLength(1);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(mailbox.received.length);
  });

  it("gives the day back when the mail server refuses, and the next sweep sends it", async () => {
    const shop = "digest-refused.myshopify.com";
    await shopWithTroubles(shop, ["owner@refused.test"]);
    await db.shopSettings.update({ where: { shop }, data: { alertDigestSentOn: "2027-03-12" } });
    clock = new Date("2027-03-13T09:00:00Z");
    mailbox.reject = { code: 451, message: "try again later" };
    await sweep();
    expect(await sentOn(shop)).toBe("2027-03-12");
    expect(logged.some((line) => line.includes(shop) && line.includes("the next sweep tries again"))).toBe(true);

    mailbox.reject = null;
    await sweep();
    expect(mailbox.received.filter((mail) => mail.to === "owner@refused.test")).toHaveLength(1);
    expect(await sentOn(shop)).toBe("2027-03-13");
  });

  it("goes to no one without addresses, and claims nothing", async () => {
    const shop = "digest-nobody.myshopify.com";
    await shopWithTroubles(shop, []);
    clock = new Date("2027-03-14T09:00:00Z");
    await sweep();
    expect(mailbox.received).toHaveLength(0);
    expect(await sentOn(shop)).toBeNull();
  });

  it("is not sent on a day with nothing to do, and claims nothing", async () => {
    const shop = "digest-calm.myshopify.com";
    drafts += 1;
    await seedContract(db, shop, `gid://shopify/DraftOrder/${drafts}`);
    await db.shopSettings.create({ data: { shop, alertEmails: JSON.stringify(["owner@calm.test"]) } });
    await installed(shop);
    clock = new Date("2027-01-10T09:00:00Z");
    await sweep();
    expect(mailbox.received.filter((mail) => mail.to === "owner@calm.test")).toHaveLength(0);
    expect(await sentOn(shop)).toBeNull();
  });

  it("goes to no one once the app is uninstalled, in the days before the shop's data is deleted", async () => {
    const shop = "digest-uninstalled.myshopify.com";
    await shopWithTroubles(shop, ["owner@gone.test"]);
    await db.session.deleteMany({ where: { shop } });
    clock = new Date("2027-03-15T09:00:00Z");
    await sweep();
    expect(mailbox.received).toHaveLength(0);
    expect(await sentOn(shop)).toBeNull();
  });
});
