import { z } from "zod";

import { AvaTaxLicenseKeyMissingError, saveAvaTaxSettings, storedAvaTaxLicenseKey, type AvaTaxSettingsInput } from "../../models/avatax-settings.server";
import type { StaffContext } from "../../staff-context.server";
import { formFieldErrorsOf } from "../action-errors";
import type { SettingsActionResult } from "../settings/settings-result";
import { AvaTaxClient, AvaTaxRequestError } from "./avatax-client.server";
import { avaTaxEnvironmentProblem, isAvalaraEnvironment } from "./avatax-environment";

const optionalText = z
  .string()
  .trim()
  .max(100)
  .transform((value) => value || null);

/** Avalara's servers by name (any case); anything else as typed. */
const environmentText = z
  .string()
  .trim()
  .transform((value) => (isAvalaraEnvironment(value.toLowerCase()) ? value.toLowerCase() : value));

/**
 * What the AvaTax card posts; a blank license key keeps the stored one. The environment is where the credentials go:
 * Avalara's sandbox or production, or in local mode the local AvaTax server (avatax-environment.ts).
 */
const avaTaxForm = (localMode: boolean) =>
  z.object({
    enabled: z.boolean(),
    environment: environmentText.superRefine((value, context) => {
      const problem = avaTaxEnvironmentProblem(value, localMode);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    accountId: z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, "must be the digits of your AvaTax account ID"),
    licenseKey: optionalText,
    companyCode: z.string().trim().min(1, "enter the company code AvaTax shows for your company").max(25),
    taxMode: z.enum(["override", "compute"]),
    commitOnInvoice: z.boolean(),
    originCountry: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code, like US")
      .transform((value) => value.toUpperCase()),
    originRegion: optionalText,
    originPostalCode: optionalText,
    originCity: optionalText,
    originLine1: optionalText,
  });

function fieldsOf(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    enabled: form.get("enabled") === "on",
    environment: text("environment"),
    accountId: text("accountId"),
    licenseKey: text("licenseKey"),
    companyCode: text("companyCode"),
    taxMode: text("taxMode"),
    commitOnInvoice: form.get("commitOnInvoice") === "on",
    originCountry: text("originCountry"),
    originRegion: text("originRegion"),
    originPostalCode: text("originPostalCode"),
    originCity: text("originCity"),
    originLine1: text("originLine1"),
  };
}

function settingsInput(parsed: z.infer<ReturnType<typeof avaTaxForm>>): AvaTaxSettingsInput {
  return {
    enabled: parsed.enabled,
    environment: parsed.environment,
    accountId: parsed.accountId,
    licenseKey: parsed.licenseKey,
    companyCode: parsed.companyCode,
    taxMode: parsed.taxMode,
    commitOnInvoice: parsed.commitOnInvoice,
    origin: {
      line1: parsed.originLine1,
      city: parsed.originCity,
      region: parsed.originRegion,
      postalCode: parsed.originPostalCode,
      country: parsed.originCountry,
    },
  };
}

/** Saves the AvaTax card ("avatax"), or tests the connection it describes ("avataxPing") without saving. */
export async function runAvaTaxSettingsAction(
  { shop, deps, actor, localMode }: StaffContext,
  form: FormData,
  intent: "avatax" | "avataxPing",
): Promise<SettingsActionResult> {
  const parsed = avaTaxForm(localMode).safeParse(fieldsOf(form));
  const failure = intent === "avatax" ? "AvaTax settings not saved." : "Connection not tested.";
  if (!parsed.success) return answer(false, failure, formFieldErrorsOf(parsed.error));
  const input = settingsInput(parsed.data);
  if (intent === "avatax") {
    try {
      await saveAvaTaxSettings(deps.db, shop, input, actor);
      return answer(true, input.enabled ? "AvaTax settings saved: invoiced stages are recorded in AvaTax." : "AvaTax settings saved; AvaTax is off.");
    } catch (error) {
      if (error instanceof AvaTaxLicenseKeyMissingError) return answer(false, failure, { licenseKey: error.message });
      throw error;
    }
  }
  const licenseKey = input.licenseKey ?? (await storedAvaTaxLicenseKey(deps.db, shop));
  if (!licenseKey) return answer(false, failure, { licenseKey: "enter the license key to test with" });
  try {
    const ping = await new AvaTaxClient({ ...input, licenseKey }).ping();
    return ping.authenticated
      ? answer(true, `Connected to AvaTax (version ${ping.version}): the account ID and license key are accepted.`)
      : answer(false, "AvaTax answered, but did not accept the account ID and license key.", {});
  } catch (error) {
    if (error instanceof AvaTaxRequestError) return answer(false, `${error.message}.`, {});
    throw error;
  }
}

function answer(ok: boolean, message: string, fieldErrors: SettingsActionResult["fieldErrors"] = {}): SettingsActionResult {
  return { ok, form: "avatax", kind: null, message, fieldErrors };
}
