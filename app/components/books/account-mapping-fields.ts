import { z } from "zod";

import { ACCOUNT_KEYS, type AccountKey } from "../../domain/books/journal-types";
import type { AccountMappingRow } from "../../domain/books/accounts";
import { issueWords } from "../../locale/zod-issue-words";
import type { FieldTargets } from "../forms/field-problems";

/** What each account is called on the page. */
export const ACCOUNT_LABELS: Readonly<Record<AccountKey, string>> = {
  cashClearing: "Cash clearing",
  accountsReceivable: "Accounts receivable",
  contractLiability: "Contract liability (deferred revenue)",
  revenue: "Revenue",
  salesReturns: "Sales returns",
  salesDiscounts: "Sales discounts",
  lateFeeIncome: "Late fee income",
  taxPayable: "Tax payable",
  customerCredit: "Customer credit",
};

const code = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Type the account code for ${label}`)
    .max(30, `The account code for ${label} is at most 30 characters`)
    .regex(/^[^\s=+@-][^\n\r]*$/, `The account code for ${label} must not start with a space, =, +, - or @`);
const name = (label: string) =>
  z.string().trim().min(1, `Type the account name for ${label}`).max(100, `The account name for ${label} is at most 100 characters`);

/** Field names as the form posts them: `code.revenue`, `name.revenue`; per tax title `taxTitle.0`, `taxCode.0`, `taxName.0`. */
export function accountFieldName(kind: "code" | "name", account: AccountKey): string {
  return `${kind}.${account}`;
}

export function taxFieldName(kind: "taxTitle" | "taxCode" | "taxName", index: number): string {
  return `${kind}.${index}`;
}

/** Input ids for the error summary's links. */
export function fieldIdOf(fieldName: string): string {
  return `account-mapping-${fieldName.replace(".", "-")}`;
}

export function accountMappingFields(taxTitles: readonly string[]): FieldTargets {
  const targets: Record<string, { fieldId: string; label: string }> = {};
  for (const account of ACCOUNT_KEYS) {
    for (const kind of ["code", "name"] as const) {
      const field = accountFieldName(kind, account);
      targets[field] = { fieldId: fieldIdOf(field), label: `${ACCOUNT_LABELS[account]} ${kind}` };
    }
  }
  taxTitles.forEach((title, index) => {
    for (const kind of ["taxCode", "taxName"] as const) {
      const field = taxFieldName(kind, index);
      targets[field] = { fieldId: fieldIdOf(field), label: `${title} ${kind === "taxCode" ? "code" : "name"}` };
    }
  });
  return targets;
}

export type AccountMappingInput =
  { readonly ok: true; readonly rows: AccountMappingRow[] } | { readonly ok: false; readonly fieldErrors: Record<string, string> };

/**
 * The posted mapping, checked: every account needs a code and a name; a tax title's own account is optional, but
 * needs both its code and its name once either is typed.
 */
export function readAccountMappingForm(form: FormData): AccountMappingInput {
  const fieldErrors: Record<string, string> = {};
  const rows: AccountMappingRow[] = [];
  const text = (field: string) => {
    const value = form.get(field);
    return typeof value === "string" ? value : "";
  };
  const check = (field: string, schema: z.ZodString, value: string): string | null => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    fieldErrors[field] = issueWords(parsed.error.issues[0]!);
    return null;
  };
  for (const account of ACCOUNT_KEYS) {
    const label = ACCOUNT_LABELS[account].toLowerCase();
    const accountCode = check(accountFieldName("code", account), code(label), text(accountFieldName("code", account)));
    const accountName = check(accountFieldName("name", account), name(label), text(accountFieldName("name", account)));
    if (accountCode !== null && accountName !== null) rows.push({ account, taxTitle: "", code: accountCode, name: accountName });
  }
  for (let index = 0; form.has(taxFieldName("taxTitle", index)); index += 1) {
    const title = text(taxFieldName("taxTitle", index)).trim();
    const [codeField, nameField] = [taxFieldName("taxCode", index), taxFieldName("taxName", index)];
    if (title === "" || (text(codeField).trim() === "" && text(nameField).trim() === "")) continue;
    const taxCode = check(codeField, code(title), text(codeField));
    const taxName = check(nameField, name(title), text(nameField));
    if (taxCode !== null && taxName !== null) rows.push({ account: "taxPayable", taxTitle: title, code: taxCode, name: taxName });
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, rows };
}
