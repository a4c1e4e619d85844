import { z } from "zod";

import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";

/** A shop's look on what its buyers receive, as stored; the documents' `Branding` is made from it. */
export interface ShopBranding {
  readonly sellerName: string | null;
  readonly sellerEmail: string | null;
  readonly sellerAddress: readonly string[];
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly footer: string | null;
  readonly logo: { readonly data: Uint8Array; readonly contentType: "image/png" | "image/jpeg"; readonly version: string } | null;
}

const DEFAULT_BRANDING: ShopBranding = {
  sellerName: null,
  sellerEmail: null,
  sellerAddress: [],
  primaryColor: "#1f4e79",
  accentColor: "#f2b705",
  footer: null,
  logo: null,
};

/** Logos are embedded in every PDF and served with every email: small ones only. */
export const MAX_LOGO_BYTES = 256 * 1024;

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #rrggbb");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((text) => (text === "" ? null : text))
    .nullable();

/** What staff may set; each field checked with a message that names it. */
export const shopBrandingInput = z.object({
  sellerName: optionalText(120),
  sellerEmail: z
    .string()
    .trim()
    .max(254)
    .transform((text) => (text === "" ? null : text))
    .pipe(z.string().email("not an email address").nullable())
    .nullable(),
  sellerAddress: optionalText(400),
  primaryColor: color,
  accentColor: color,
  footer: optionalText(400),
});

export type ShopBrandingInput = z.input<typeof shopBrandingInput>;

export class InvalidLogoError extends Error {
  override readonly name = "InvalidLogoError";
}

/** PNG and JPEG are what every mail client shows and pdfkit embeds; the bytes say which, not the file name. */
export function logoContentType(data: Uint8Array): "image/png" | "image/jpeg" {
  if (data.length > MAX_LOGO_BYTES) throw new InvalidLogoError(`the logo is ${data.length} bytes; at most ${MAX_LOGO_BYTES}`);
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return "image/png";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  throw new InvalidLogoError("the logo must be a PNG or JPEG image");
}

export async function getShopBranding(db: Database, shop: string): Promise<ShopBranding> {
  requireShop(shop);
  const row = await db.shopBranding.findUnique({ where: { shop } });
  if (!row) return DEFAULT_BRANDING;
  return {
    sellerName: row.sellerName,
    sellerEmail: row.sellerEmail,
    sellerAddress: row.sellerAddress ? row.sellerAddress.split("\n").filter((line) => line.trim() !== "") : [],
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    footer: row.footer,
    logo:
      row.logo && row.logoContentType
        ? { data: new Uint8Array(row.logo), contentType: row.logoContentType as "image/png" | "image/jpeg", version: String(row.updatedAt.getTime()) }
        : null,
  };
}

/** Saves the shop's branding; `logo` replaces the logo (null removes it, undefined keeps it). */
export async function saveShopBranding(
  db: Database,
  shop: string,
  input: ShopBrandingInput,
  logo: Uint8Array | null | undefined,
  actor: AuditActor,
): Promise<ShopBranding> {
  requireShop(shop);
  const fields = shopBrandingInput.parse(input);
  const logoFields =
    logo === undefined ? {} : logo === null ? { logo: null, logoContentType: null } : { logo: Buffer.from(logo), logoContentType: logoContentType(logo) };
  await inTransaction(db, async (tx) => {
    const data = { ...fields, ...logoFields };
    await tx.shopBranding.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    await writeAudit(tx, shop, {
      actor,
      action: "branding.updated",
      details: { ...fields, logo: logo === undefined ? "kept" : logo === null ? "removed" : "replaced" },
    });
  });
  return getShopBranding(db, shop);
}
