import type { FieldTargets } from "../forms/field-problems";

/** The branding form's fields by the name they post under: the id of their input and what the page calls them. */
export const BRANDING_FIELDS: FieldTargets = {
  sellerName: { fieldId: "branding-seller-name", label: "Seller name" },
  sellerEmail: { fieldId: "branding-seller-email", label: "Email (Reply-To)" },
  sellerAddress: { fieldId: "branding-seller-address", label: "Address" },
  primaryColor: { fieldId: "branding-primary-color", label: "Primary colour" },
  accentColor: { fieldId: "branding-accent-color", label: "Accent colour" },
  footer: { fieldId: "branding-footer", label: "Footer" },
  logo: { fieldId: "branding-logo", label: "Logo" },
};

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the browser can tell before a save (the server checks all again): colours and the Reply-To address. */
export function brandingInputErrors(values: {
  readonly sellerEmail: string;
  readonly primaryColor: string;
  readonly accentColor: string;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  const colour = "Type a colour as # and six digits or letters a–f, like #1f4e3d";
  if (!HEX_COLOR.test(values.primaryColor.trim())) errors.primaryColor = colour;
  if (!HEX_COLOR.test(values.accentColor.trim())) errors.accentColor = colour;
  if (values.sellerEmail.trim() !== "" && !EMAIL.test(values.sellerEmail.trim())) errors.sellerEmail = "Type an email address, like orders@example.com";
  return errors;
}
