import type { CustomerTerms } from "@prisma/client";

import type { CustomerTermsFields, TermsLayer, TermsSubjectKind } from "../domain/customers/customer-terms";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { subjectId, type CustomerSubject } from "./customer-exposure.server";
import { inTransaction, requireShop, type Database } from "./database.server";
import { NotFoundError } from "./model-errors.server";

/** One subject's saved terms, with whether Shopify's metafields hold them yet. */
export interface StoredCustomerTerms {
  readonly subject: CustomerSubject;
  readonly subjectName: string | null;
  readonly fields: CustomerTermsFields;
  readonly mirrored: boolean;
  readonly mirrorError: string | null;
  readonly updatedAt: Date;
}

export function subjectOf(kind: TermsSubjectKind, id: string): CustomerSubject {
  switch (kind) {
    case "customer":
      return { kind, customerId: id };
    case "company":
      return { kind, companyId: id };
    case "companyLocation":
      return { kind, companyLocationId: id };
  }
}

const SUBJECT_KINDS: ReadonlySet<string> = new Set<TermsSubjectKind>(["customer", "company", "companyLocation"]);

function toStored(row: CustomerTerms): StoredCustomerTerms {
  if (!SUBJECT_KINDS.has(row.subjectKind)) throw new Error(`customer terms ${row.id} name an unknown subject kind "${row.subjectKind}"`);
  const limit = row.creditLimitMinor === null || row.creditLimitCurrency === null ? null : { minor: row.creditLimitMinor, currency: row.creditLimitCurrency };
  return {
    subject: subjectOf(row.subjectKind as TermsSubjectKind, row.subjectId),
    subjectName: row.subjectName,
    fields: {
      defaultPlanId: row.defaultPlanId,
      depositPercent: row.depositPercent,
      netDays: row.netDays,
      paymentDays: row.paymentDays.length === 0 ? null : row.paymentDays,
      creditLimit: limit,
    },
    mirrored: row.mirrored,
    mirrorError: row.mirrorError,
    updatedAt: row.updatedAt,
  };
}

const subjectKey = (shop: string, subject: CustomerSubject) => ({ shop, subjectKind: subject.kind, subjectId: subjectId(subject) });

export async function getCustomerTerms(db: Database, shop: string, subject: CustomerSubject): Promise<StoredCustomerTerms | null> {
  requireShop(shop);
  const row = await db.customerTerms.findUnique({ where: { shop_subjectKind_subjectId: subjectKey(shop, subject) } });
  return row ? toStored(row) : null;
}

/** The saved terms of each subject a draft names (its location, company and customer), as layers to resolve. */
export async function termsLayers(db: Database, shop: string, subjects: readonly CustomerSubject[]): Promise<TermsLayer[]> {
  requireShop(shop);
  if (subjects.length === 0) return [];
  const rows = await db.customerTerms.findMany({
    where: { shop, OR: subjects.map((subject) => ({ subjectKind: subject.kind, subjectId: subjectId(subject) })) },
  });
  return rows
    .map(toStored)
    .map((stored) => ({ kind: stored.subject.kind, subjectId: subjectId(stored.subject), subjectName: stored.subjectName, fields: stored.fields }));
}

export interface SaveCustomerTermsInput {
  readonly subject: CustomerSubject;
  readonly subjectName: string | null;
  readonly fields: CustomerTermsFields;
  readonly actor: AuditActor;
}

/**
 * Saves a subject's terms and audits the change (before and after). A save is not in Shopify yet: it is marked not
 * mirrored until the metafields are set (markTermsMirrored).
 */
export async function saveCustomerTerms(db: Database, shop: string, input: SaveCustomerTermsInput): Promise<StoredCustomerTerms> {
  requireShop(shop);
  const { fields } = input;
  if (fields.defaultPlanId !== null) {
    const plan = await db.plan.findFirst({ where: { id: fields.defaultPlanId, shop, archivedAt: null }, select: { id: true } });
    if (!plan) throw new NotFoundError("plan", fields.defaultPlanId);
  }
  const data = {
    // A save that does not name the subject keeps the name it had.
    ...(input.subjectName === null ? {} : { subjectName: input.subjectName }),
    defaultPlanId: fields.defaultPlanId,
    depositPercent: fields.depositPercent,
    netDays: fields.netDays,
    paymentDays: fields.paymentDays ? [...fields.paymentDays] : [],
    creditLimitMinor: fields.creditLimit?.minor ?? null,
    creditLimitCurrency: fields.creditLimit?.currency ?? null,
    mirrored: false,
  };
  return inTransaction(db, async (tx) => {
    const key = subjectKey(shop, input.subject);
    const before = await tx.customerTerms.findUnique({ where: { shop_subjectKind_subjectId: key } });
    const row = await tx.customerTerms.upsert({ where: { shop_subjectKind_subjectId: key }, create: { ...key, ...data }, update: data });
    const stored = toStored(row);
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "customerTerms.saved",
      details: { subject: input.subject, subjectName: input.subjectName, before: before ? toStored(before).fields : null, after: stored.fields },
    });
    return stored;
  });
}

/** Records what Shopify answered to mirroring the terms: mirrored, or not with the reason in words. */
export async function markTermsMirrored(db: Database, shop: string, subject: CustomerSubject, error: string | null): Promise<StoredCustomerTerms> {
  requireShop(shop);
  const row = await db.customerTerms.update({
    where: { shop_subjectKind_subjectId: subjectKey(shop, subject) },
    data: { mirrored: error === null, mirrorError: error },
  });
  return toStored(row);
}

/** Terms Shopify does not hold yet (a userErrors answer or a failed call), oldest first, for a retry. */
export async function unmirroredTerms(db: Database, shop: string, limit = 50): Promise<StoredCustomerTerms[]> {
  requireShop(shop);
  const rows = await db.customerTerms.findMany({ where: { shop, mirrored: false }, orderBy: { updatedAt: "asc" }, take: limit });
  return rows.map(toStored);
}
