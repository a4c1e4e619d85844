import { markTermsMirrored, unmirroredTerms, type StoredCustomerTerms } from "../../models/customer-terms.server";
import { subjectId } from "../../models/customer-exposure.server";
import { getPlan } from "../../models/plans.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { AdminUserErrors, type AdminUserError } from "../../shopify/admin-errors";
import { metafieldsDeleteMutation } from "../../shopify/operations/metafields-delete-mutation";
import { metafieldsSetMutation } from "../../shopify/operations/metafields-set-mutation";
import type { ServiceDeps } from "../service-deps.server";
import { termsMetafields } from "./terms-metafields";

const SUBJECT_WORDS = { customer: "customer", company: "company", companyLocation: "company location" } as const;

function userErrorWords(errors: readonly AdminUserError[]): string {
  return errors.map((error) => (error.field?.length ? `${error.message} (${error.field.join(".")})` : error.message)).join("; ");
}

/**
 * Writes the terms to the subject's "tranche" metafields. Whatever Shopify answers, the terms stay saved: a
 * userErrors answer or a failed call marks them not mirrored with the reason in words, for the next save or a retry.
 */
export async function mirrorCustomerTerms(deps: Pick<ServiceDeps, "db" | "adminFor">, shop: string, terms: StoredCustomerTerms): Promise<StoredCustomerTerms> {
  const planName = terms.fields.defaultPlanId === null ? null : ((await getPlan(deps.db, shop, terms.fields.defaultPlanId))?.name ?? null);
  const { set, remove } = termsMetafields(subjectId(terms.subject), terms.fields, planName);
  const where = `the ${SUBJECT_WORDS[terms.subject.kind]}`;
  let problem: string | null = null;
  try {
    const admin: AdminClient = await deps.adminFor(shop);
    // The client raises a userErrors answer as AdminUserErrors, named by the operation it answered.
    if (set.length > 0) await admin.request(metafieldsSetMutation, { metafields: set });
    if (remove.length > 0) await admin.request(metafieldsDeleteMutation, { metafields: remove });
  } catch (error) {
    if (error instanceof AdminUserErrors) {
      const doing = error.operationName === "MetafieldsDelete" ? `remove the cleared terms from ${where}` : `store the terms on ${where}`;
      problem = `Shopify did not ${doing}: ${userErrorWords(error.userErrors)}`;
    } else {
      problem = `Shopify could not be reached to store the terms on ${where}: ${firstLine(error)}`;
    }
  }
  return markTermsMirrored(deps.db, shop, terms.subject, problem);
}

/** Mirrors every saved terms Shopify does not hold yet; returns how many are mirrored now. */
export async function retryUnmirroredTerms(deps: Pick<ServiceDeps, "db" | "adminFor">, shop: string): Promise<number> {
  let mirrored = 0;
  for (const terms of await unmirroredTerms(deps.db, shop)) {
    if ((await mirrorCustomerTerms(deps, shop, terms)).mirrored) mirrored += 1;
  }
  return mirrored;
}

/**
 * The worker's nightly retry (beside the reconcile): mirrors the terms Shopify did not take, shop by shop, so Flow and
 * other apps read what staff saved without anyone saving again. A shop that fails is logged and the next one goes on.
 * Returns how many terms are mirrored now.
 */
export async function retryUnmirroredTermsOfEveryShop(deps: Pick<ServiceDeps, "db" | "adminFor">, log: (message: string) => void): Promise<number> {
  const shops = await deps.db.customerTerms.findMany({ where: { mirrored: false }, distinct: ["shop"], select: { shop: true }, orderBy: { shop: "asc" } });
  let mirrored = 0;
  for (const { shop } of shops) {
    try {
      mirrored += await retryUnmirroredTerms(deps, shop);
    } catch (error) {
      log(`[terms] mirroring ${shop}'s terms to Shopify failed: ${firstLine(error)}`);
    }
  }
  return mirrored;
}

/** A failed call's reason, short: a client error's message also carries the whole request. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
