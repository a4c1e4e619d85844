import type { AvaTaxSettings as AvaTaxSettingsRow } from "@prisma/client";

import { openSecret, sealSecret } from "../lib/secret-box.server";
import type { AvaTaxTaxMode, OriginAddress } from "../services/avatax/avatax-documents";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";

/** A shop's AvaTax connection as staff see it: the license key never leaves the database, only whether one is set. */
export interface AvaTaxSettingsView {
  readonly enabled: boolean;
  readonly environment: string;
  readonly accountId: string;
  readonly licenseKeySet: boolean;
  readonly companyCode: string;
  readonly taxMode: AvaTaxTaxMode;
  readonly commitOnInvoice: boolean;
  readonly origin: OriginAddress;
}

/** What the AvaTax client needs: the settings with the license key opened. Never log or return this to a page. */
export interface AvaTaxConnection extends Omit<AvaTaxSettingsView, "licenseKeySet"> {
  readonly licenseKey: string;
}

export interface AvaTaxSettingsInput extends Omit<AvaTaxSettingsView, "licenseKeySet"> {
  /** A new license key, or null to keep the stored one. */
  readonly licenseKey: string | null;
}

export class AvaTaxLicenseKeyMissingError extends Error {
  constructor() {
    super("Enter the AvaTax license key: none is stored for this shop yet");
    this.name = "AvaTaxLicenseKeyMissingError";
  }
}

export async function getAvaTaxSettings(db: Database, shop: string): Promise<AvaTaxSettingsView | null> {
  requireShop(shop);
  const row = await db.avaTaxSettings.findUnique({ where: { shop } });
  return row ? { ...viewOf(row), licenseKeySet: row.licenseKeySealed !== "" } : null;
}

/** The shop's connection when AvaTax is on for it; null when it is off or not set up. */
export async function enabledAvaTaxConnection(db: Database, shop: string): Promise<AvaTaxConnection | null> {
  requireShop(shop);
  const row = await db.avaTaxSettings.findUnique({ where: { shop } });
  if (!row?.enabled || row.licenseKeySealed === "") return null;
  return { ...viewOf(row), licenseKey: openSecret(row.licenseKeySealed) };
}

/** Saves the settings (sealing a new license key) and audits what changed, without the key. */
export async function saveAvaTaxSettings(db: Database, shop: string, input: AvaTaxSettingsInput, actor: AuditActor): Promise<AvaTaxSettingsView> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const existing = await tx.avaTaxSettings.findUnique({ where: { shop }, select: { licenseKeySealed: true } });
    const licenseKeySealed = input.licenseKey ? sealSecret(input.licenseKey) : (existing?.licenseKeySealed ?? "");
    if (input.enabled && licenseKeySealed === "") throw new AvaTaxLicenseKeyMissingError();
    const data = {
      enabled: input.enabled,
      environment: input.environment,
      accountId: input.accountId,
      licenseKeySealed,
      companyCode: input.companyCode,
      taxMode: input.taxMode,
      commitOnInvoice: input.commitOnInvoice,
      originLine1: input.origin.line1,
      originCity: input.origin.city,
      originRegion: input.origin.region,
      originPostalCode: input.origin.postalCode,
      originCountry: input.origin.country,
    };
    const row = await tx.avaTaxSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    const view = { ...viewOf(row), licenseKeySet: row.licenseKeySealed !== "" };
    await writeAudit(tx, shop, { actor, action: "avatax.settingsSaved", details: { ...view, licenseKeyChanged: input.licenseKey !== null } });
    return view;
  });
}

function viewOf(row: AvaTaxSettingsRow): Omit<AvaTaxSettingsView, "licenseKeySet"> {
  return {
    enabled: row.enabled,
    environment: row.environment,
    accountId: row.accountId,
    companyCode: row.companyCode,
    taxMode: row.taxMode === "compute" ? "compute" : "override",
    commitOnInvoice: row.commitOnInvoice,
    origin: { line1: row.originLine1, city: row.originCity, region: row.originRegion, postalCode: row.originPostalCode, country: row.originCountry },
  };
}

/** The stored license key opened, for "Test connection" with a key staff did not type again; null when none is stored. */
export async function storedAvaTaxLicenseKey(db: Database, shop: string): Promise<string | null> {
  requireShop(shop);
  const row = await db.avaTaxSettings.findUnique({ where: { shop }, select: { licenseKeySealed: true } });
  return row?.licenseKeySealed ? openSecret(row.licenseKeySealed) : null;
}
