import { afterAll, describe, expect, it, vi } from "vitest";

import type { ContractPageData } from "../../../app/components/contract/contract-view";
import { BUYER_EMAIL_QUEUE } from "../../../app/jobs/queues";
import { listAudit } from "../../../app/models/audit-log.server";
import { getOutgoingEmail, queueBuyerEmail } from "../../../app/models/outgoing-emails.server";
import { action, loader } from "../../../app/routes/app.contracts.$id";
import { loader as invoicePdfLoader } from "../../../app/routes/app.contracts.$id.invoices.$position[.]pdf";
import type { StaffContext } from "../../../app/staff-context.server";
import { testBuyerMail } from "../../support/buyer-mail";
import { readPdf } from "../../support/pdf-text";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());
const SHOP = "contract-emails.myshopify.com";

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:5",
    deps: {
      db: database.prisma,
      jobs,
      // A contract page asks whether the shop is on Plus; no answer is fine (it says so in general words).
      adminFor: async () => {
        throw new Error("Shopify is not asked in these tests");
      },
      now: () => new Date("2027-01-25T10:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

const pageArgs = (id: string, init?: RequestInit) => ({ request: new Request(`https://app.test/app/contracts/${id}`, init), params: { id }, context: {} });
const post = (id: string, fields: Record<string, string>) => pageArgs(id, { method: "POST", body: new URLSearchParams(fields) });
const pdfArgs = (id: string, position: string) => ({
  request: new Request(`https://app.test/app/contracts/${id}/invoices/${position}.pdf`),
  params: { id, position },
  context: {},
});

/** Queues an email on the contract at `queuedAt`, then leaves it as `status` (with what a sender would have written). */
async function email(contractId: string, key: string, queuedAt: string, status: "pending" | "sent" | "failed" | "skipped") {
  await queueBuyerEmail(database.prisma, SHOP, { contractId, email: { kind: "stageInvoice", stagePosition: 2 }, dedupeKey: key });
  const row = await database.prisma.outgoingEmail.update({
    where: { shop_dedupeKey: { shop: SHOP, dedupeKey: key } },
    data: { createdAt: new Date(queuedAt) },
  });
  if (status === "sent") {
    await database.prisma.outgoingEmail.update({
      where: { id: row.id },
      data: { status, attempts: 1, sentAt: new Date("2027-01-20T09:00:00Z"), subject: "Payment 2 of 3", recipient: "avery@example.test" },
    });
  }
  if (status === "failed") {
    await database.prisma.outgoingEmail.update({ where: { id: row.id }, data: { status, attempts: 5, lastError: "550 5.1.1 no such mailbox" } });
  }
  if (status === "skipped") {
    await database.prisma.outgoingEmail.update({
      where: { id: row.id },
      data: { status, attempts: 1, lastError: "the contract has no email address for the buyer" },
    });
  }
  return row.id;
}

describe("the contract page's emails to the buyer", () => {
  it("lists every email newest first with its status, and sends a failed one again through the queue", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/701");
    const sent = await email(contract.id, "sent", "2027-01-20T08:00:00Z", "sent");
    const failed = await email(contract.id, "failed", "2027-01-21T08:00:00Z", "failed");
    const skipped = await email(contract.id, "skipped", "2027-01-22T08:00:00Z", "skipped");
    const queued = await email(contract.id, "queued", "2027-01-23T08:00:00Z", "pending");

    const data = (await (await loader(pageArgs(contract.id))).json()) as ContractPageData;
    expect(data.emails.map((row) => [row.id, row.status, row.attempts])).toEqual([
      [queued, "pending", 0],
      [skipped, "skipped", 1],
      [failed, "failed", 5],
      [sent, "sent", 1],
    ]);
    expect(data.emails[2]).toMatchObject({ kind: "stageInvoice", stagePosition: 2, lastError: "550 5.1.1 no such mailbox" });
    expect(data.emails[3]).toMatchObject({ subject: "Payment 2 of 3", sentAt: "2027-01-20T09:00:00.000Z" });

    const again = await action(post(contract.id, { intent: "sendEmailAgain", emailId: failed }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, intent: "sendEmailAgain", message: expect.stringContaining("queued again") });
    expect(await getOutgoingEmail(database.prisma, failed)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    // The queue is asked for the reopened email (and the one still queued), each once, keyed by the email.
    const sends = (await database.storedJobs()).filter((job) => job.queue === BUYER_EMAIL_QUEUE);
    expect(sends.map((job) => job.key).sort()).toEqual([failed, queued].sort());
    const audit = await listAudit(database.prisma, SHOP, { contractId: contract.id });
    expect(audit.filter((entry) => entry.action === "email.reopened")).toEqual([expect.objectContaining({ actor: "staff:5" })]);
  });

  it("refuses to send again an email that was sent, and one of another contract", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/702");
    const other = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/703");
    const sent = await email(contract.id, "sent-702", "2027-01-20T08:00:00Z", "sent");
    const othersFailed = await email(other.id, "failed-703", "2027-01-21T08:00:00Z", "failed");

    const refused = await action(post(contract.id, { intent: "sendEmailAgain", emailId: sent }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ ok: false, message: "This email is sent: only a failed or skipped email is sent again." });

    const foreign = await action(post(contract.id, { intent: "sendEmailAgain", emailId: othersFailed }));
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as { message: string }).message).toBe("This email no longer exists: the page now shows what there is.");
    expect((await getOutgoingEmail(database.prisma, othersFailed))?.status).toBe("failed");
  });
});

describe("the admin's invoice PDF", () => {
  it("answers an invoiced stage's invoice as a PDF attachment that names its invoice number", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/711");
    const stage = contract.stages[1]!;
    await database.prisma.stage.update({ where: { id: stage.id }, data: { status: "invoiced", invoiceNumber: "TR-000042", issueDate: "2027-01-20" } });

    const page = (await (await loader(pageArgs(contract.id))).json()) as ContractPageData;
    expect(page.stages.map((row) => row.invoicePdfUrl)).toEqual([null, `/app/contracts/${contract.id}/invoices/2.pdf`, null]);

    const response = await invoicePdfLoader(pdfArgs(contract.id, "2"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="TR-000042.pdf"');
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.pages.join(" ")).toContain("TR-000042");
    // Issued on the stage's own day, whenever it is downloaded.
    expect(pdf.pages[0]).toContain("January 20, 2027");
  });

  it("answers 404 with the reason for a stage not invoiced, a stage that does not exist and another shop's contract", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/712");
    const notInvoiced = await invoicePdfLoader(pdfArgs(contract.id, "3")).catch((thrown: Response) => thrown);
    expect(notInvoiced.status).toBe(404);
    expect(await notInvoiced.text()).toBe("Stage 3 has not been invoiced yet, so it has no invoice number and no invoice.");

    const missing = await invoicePdfLoader(pdfArgs(contract.id, "9")).catch((thrown: Response) => thrown);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/no stage 9/);

    const foreign = await seedContract(database.prisma, "someone-else.myshopify.com", "gid://shopify/DraftOrder/713");
    await expect(invoicePdfLoader(pdfArgs(foreign.id, "1"))).rejects.toMatchObject({ status: 404 });
  });
});
