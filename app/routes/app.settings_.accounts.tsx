import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";

import { AccountMappingForm } from "../components/books/AccountMappingForm";
import { accountMappingFields, readAccountMappingForm } from "../components/books/account-mapping-fields";
import { ErrorSummaryBanner } from "../components/forms/ErrorSummaryBanner";
import { fieldProblemsOf } from "../components/forms/field-problems";
import { accountChartOf } from "../domain/books/accounts";
import { ACCOUNT_KEYS } from "../domain/books/journal-types";
import { readAccountMappings, saveAccountMappings, taxTitlesOf } from "../models/account-mapping.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Account mapping · Tranche" }];

// `/app/settings/accounts`: the `_` keeps it a page of its own rather than a child of the settings page (which has no outlet).

/** Each account's code and name as the exports use them (the merchant's, else the default), and the shop's tax titles. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const [rows, stageTitles] = await Promise.all([readAccountMappings(deps.db, shop), taxTitlesOf(deps.db, shop)]);
  const chart = accountChartOf(rows);
  const ownTitles = new Map(rows.filter((row) => row.account === "taxPayable" && row.taxTitle !== "").map((row) => [row.taxTitle, row]));
  const taxTitles = [...new Set([...stageTitles, ...ownTitles.keys()])].sort();
  return json({
    accounts: ACCOUNT_KEYS.map((account) => ({ account, ...chart(account) })),
    taxAccounts: taxTitles.map((title) => ({ title, code: ownTitles.get(title)?.code ?? "", name: ownTitles.get(title)?.name ?? "" })),
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const input = readAccountMappingForm(await request.formData());
  if (!input.ok)
    return json({ ok: false as const, message: "The mapping was not saved: fix the fields below.", fieldErrors: input.fieldErrors }, { status: 422 });
  await saveAccountMappings(deps.db, shop, input.rows, actor);
  return json({ ok: true as const, message: "Account mapping saved. The next export uses it.", fieldErrors: {} as Record<string, string> });
};

export default function AccountMappingPage() {
  const { accounts, taxAccounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const problems = result && !result.ok ? fieldProblemsOf(result.fieldErrors, accountMappingFields(taxAccounts.map((tax) => tax.title))) : [];
  return (
    <Page
      title="Account mapping"
      backAction={{ content: "Exports", url: "/app/exports" }}
      subtitle="Which account of your chart of accounts each line of the accounting export goes to. Xero imports go by code, QuickBooks imports by name."
    >
      <BlockStack gap="400">
        <ErrorSummaryBanner problems={problems} attempt={result ? 1 : 0} />
        <AccountMappingForm
          // A save starts the form anew from what is stored.
          key={JSON.stringify([accounts, taxAccounts])}
          accounts={accounts}
          taxAccounts={taxAccounts}
          result={result ?? null}
          submitting={navigation.state === "submitting"}
        />
      </BlockStack>
    </Page>
  );
}
