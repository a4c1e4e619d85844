import type { BuyerEmailKind, EmailTemplateText } from "../domain/documents/buyer-email";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";

const NO_TEXT: EmailTemplateText = { subject: null, intro: null };

/** The shop's own subject and intro for a kind of email; nulls where it uses the default. */
export async function getEmailTemplateText(db: Database, shop: string, kind: BuyerEmailKind): Promise<EmailTemplateText> {
  requireShop(shop);
  const row = await db.emailTemplateText.findUnique({ where: { shop_kind: { shop, kind } } });
  return row ? { subject: row.subject, intro: row.intro } : NO_TEXT;
}

export async function listEmailTemplateTexts(db: Database, shop: string): Promise<Partial<Record<BuyerEmailKind, EmailTemplateText>>> {
  requireShop(shop);
  const rows = await db.emailTemplateText.findMany({ where: { shop } });
  return Object.fromEntries(rows.map((row) => [row.kind, { subject: row.subject, intro: row.intro }]));
}

/** Saves (or, with both null, removes) the shop's text for one kind. The caller checks the placeholders. */
export async function saveEmailTemplateText(db: Database, shop: string, kind: BuyerEmailKind, text: EmailTemplateText, actor: AuditActor): Promise<void> {
  requireShop(shop);
  await inTransaction(db, async (tx) => {
    if (text.subject === null && text.intro === null) await tx.emailTemplateText.deleteMany({ where: { shop, kind } });
    else await tx.emailTemplateText.upsert({ where: { shop_kind: { shop, kind } }, create: { shop, kind, ...text }, update: text });
    await writeAudit(tx, shop, { actor, action: "emailTemplate.updated", details: { kind, ...text } });
  });
}
