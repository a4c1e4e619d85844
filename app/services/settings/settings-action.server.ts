import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { z, ZodError } from "zod";

import { BUYER_EMAIL_KINDS, type BuyerEmailKind } from "../../domain/documents/buyer-email";
import { saveEmailTemplateText } from "../../models/email-template-texts.server";
import { NotFoundError } from "../../models/model-errors.server";
import { getShopBranding, InvalidLogoError, MAX_LOGO_BYTES, saveShopBranding, type ShopBrandingInput } from "../../models/shop-branding.server";
import { saveShopSettings, SettingNotAllowedError, type ShopSettingsInput } from "../../models/shop-settings.server";
import { chooseShopLocale } from "../../models/shop-profile.server";
import { isAdminLocale } from "../../locale/admin-locales";
import { shopQuery } from "../../shopify/operations/shop-query";
import type { StaffContext } from "../../staff-context.server";
import { formFieldErrorsOf, refusalMessage, type FormFieldErrors } from "../action-errors";
import { emailTemplateTextInput, templateTextOf } from "../buyer-email/template-text-input";
import type { SettingsActionResult, SettingsFormName } from "./settings-result";
import { runAvaTaxSettingsAction } from "../avatax/avatax-settings-action.server";
import { runWorkingDaysAction } from "./working-days-action.server";

const settingsIntent = z.enum(["settings", "workingDays", "branding", "removeLogo", "template", "avatax", "avataxPing"]).default("settings");

/**
 * Runs what one of the settings page's forms posted (its `intent`; "removeLogo" is the branding form's), and says how
 * it went, field by field where a field was refused.
 */
export async function runSettingsAction(staff: StaffContext, request: Request): Promise<SettingsActionResult> {
  let form: FormData;
  try {
    form = await settingsFormData(request);
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return refused("branding", null, "Branding not saved.", { [error.field]: `the file is larger than ${MAX_LOGO_BYTES / 1024} KB` });
  }
  const parsedIntent = settingsIntent.safeParse(form.get("intent") ?? undefined);
  if (!parsedIntent.success) return refused("settings", null, "This form is not one of the settings page's.", {});
  switch (parsedIntent.data) {
    case "settings":
      return saveSettings(staff, form);
    case "workingDays":
      return runWorkingDaysAction(staff, form);
    case "branding":
      return saveBranding(staff, form);
    case "removeLogo":
      return removeLogo(staff);
    case "template":
      return saveTemplate(staff, form);
    case "avatax":
    case "avataxPing":
      return runAvaTaxSettingsAction(staff, form, parsedIntent.data);
  }
}

/**
 * The branding form is multipart (the logo); the others are plain. Every part is read into memory with a cap, so an
 * oversized logo is refused as it streams in rather than after it was all read.
 */
async function settingsFormData(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_LOGO_BYTES }));
}

/** A field's text; browsers send a textarea's line breaks as CRLF, stored here as "\n". */
function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : "";
}

/** A field whose text is not what it must be, named by what staff typed. */
class TypedFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "TypedFieldError";
  }
}

/** "0, 3 7" → [0, 3, 7]; "3, soon" is refused by the word staff typed, not as a number that is not one. */
function dayList(form: FormData, name: string): number[] {
  const words = text(form, name)
    .split(/[\s,;]+/)
    .filter(Boolean);
  const notDays = words.find((word) => !/^\d+$/.test(word));
  if (notDays !== undefined) throw new TypedFieldError(name, `“${notDays}” is not a number of days: type whole numbers, like 3, 7`);
  return words.map(Number);
}

/** Addresses one per line or separated by commas (semicolons and spaces too, as mail programs copy them). */
function addressList(form: FormData, name: string): string[] {
  return text(form, name)
    .split(/[\s,;]+/)
    .filter(Boolean);
}

async function saveSettings({ shop, deps, actor }: StaffContext, form: FormData): Promise<SettingsActionResult> {
  try {
    const adminLocale = text(form, "adminLocale");
    if (adminLocale !== "" && !isAdminLocale(adminLocale)) throw new TypedFieldError("adminLocale", "choose a format from the list");
    const { shop: shopInfo } = await (await deps.adminFor(shop)).request(shopQuery);
    await saveShopSettings(
      deps.db,
      shop,
      {
        collectionMode: text(form, "collectionMode") as ShopSettingsInput["collectionMode"],
        remindBeforeDays: dayList(form, "remindBeforeDays"),
        remindAfterDays: dayList(form, "remindAfterDays"),
        defaultPlanId: text(form, "defaultPlanId") || null,
        requireAcceptance: form.get("requireAcceptance") === "on",
        linkEmailsBy: text(form, "linkEmailsBy") as NonNullable<ShopSettingsInput["linkEmailsBy"]>,
        alertEmails: addressList(form, "alertEmails"),
      },
      { shopifyPlus: shopInfo.plan.shopifyPlus, actor },
    );
    await chooseShopLocale(deps, shop, adminLocale || null);
    return saved("settings", null, "Settings saved.");
  } catch (error) {
    if (error instanceof TypedFieldError) return refused("settings", null, "Settings not saved.", { [error.field]: error.message });
    if (error instanceof SettingNotAllowedError) return refused("settings", null, "Settings not saved.", { [error.field]: error.message });
    if (error instanceof NotFoundError)
      return refused("settings", null, "Settings not saved.", { defaultPlanId: "that plan is archived or gone; choose another" });
    return refusedBy("settings", "Settings not saved.", error);
  }
}

async function saveBranding({ shop, deps, actor }: StaffContext, form: FormData): Promise<SettingsActionResult> {
  const input: ShopBrandingInput = {
    sellerName: text(form, "sellerName"),
    sellerEmail: text(form, "sellerEmail"),
    sellerAddress: text(form, "sellerAddress"),
    primaryColor: text(form, "primaryColor").trim(),
    accentColor: text(form, "accentColor").trim(),
    footer: text(form, "footer"),
  };
  const upload = form.get("logo");
  // A file input left empty still sends an empty part: that keeps the logo there is.
  const logo = upload instanceof File && upload.size > 0 ? new Uint8Array(await upload.arrayBuffer()) : undefined;
  try {
    await saveShopBranding(deps.db, shop, input, logo, actor);
    return saved("branding", null, logo ? "Branding and logo saved." : "Branding saved.");
  } catch (error) {
    if (error instanceof InvalidLogoError) return refused("branding", null, "Branding not saved.", { logo: error.message });
    return refusedBy("branding", "Branding not saved.", error);
  }
}

/** Removing the logo keeps every other branding field as it is. */
async function removeLogo({ shop, deps, actor }: StaffContext): Promise<SettingsActionResult> {
  const current = await getShopBranding(deps.db, shop);
  await saveShopBranding(
    deps.db,
    shop,
    {
      sellerName: current.sellerName,
      sellerEmail: current.sellerEmail,
      sellerAddress: current.sellerAddress.join("\n"),
      primaryColor: current.primaryColor,
      accentColor: current.accentColor,
      footer: current.footer,
    },
    null,
    actor,
  );
  return saved("branding", null, "Logo removed.");
}

async function saveTemplate({ shop, deps, actor }: StaffContext, form: FormData): Promise<SettingsActionResult> {
  const parsed = emailTemplateTextInput.safeParse({ kind: text(form, "kind"), subject: text(form, "subject"), intro: text(form, "intro") });
  const kind = BUYER_EMAIL_KINDS.find((known) => known === text(form, "kind")) ?? null;
  if (!parsed.success) return refused("template", kind, "Template not saved.", formFieldErrorsOf(parsed.error));
  await saveEmailTemplateText(deps.db, shop, parsed.data.kind, templateTextOf(parsed.data), actor);
  const usesDefaults = parsed.data.subject === null && parsed.data.intro === null;
  return saved("template", parsed.data.kind, usesDefaults ? "Template reset: this email uses the default text." : "Template saved.");
}

function saved(form: SettingsFormName, kind: BuyerEmailKind | null, message: string): SettingsActionResult {
  return { ok: true, form, kind, message, fieldErrors: {} };
}

function refused(form: SettingsFormName, kind: BuyerEmailKind | null, message: string, fieldErrors: FormFieldErrors): SettingsActionResult {
  return { ok: false, form, kind, message, fieldErrors };
}

/** A zod refusal goes beside its fields; any other refusal the app knows is said once for the form. */
function refusedBy(form: SettingsFormName, message: string, error: unknown): SettingsActionResult {
  if (error instanceof ZodError) return refused(form, null, message, formFieldErrorsOf(error));
  return refused(form, null, `${message.replace(/\.$/, ":")} ${refusalMessage(error)}.`, {});
}
