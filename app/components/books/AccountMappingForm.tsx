import { Form } from "@remix-run/react";
import { Banner, BlockStack, Card, FormLayout, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import { ACCOUNT_PURPOSES, DEFAULT_ACCOUNTS } from "../../domain/books/accounts";
import type { AccountKey } from "../../domain/books/journal-types";
import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { ACCOUNT_LABELS, accountFieldName, fieldIdOf, taxFieldName } from "./account-mapping-fields";

interface AccountMappingFormProps {
  readonly accounts: readonly { readonly account: AccountKey; readonly code: string; readonly name: string }[];
  /** The shop's tax titles, each with its own account when the merchant gave one ("" otherwise). */
  readonly taxAccounts: readonly { readonly title: string; readonly code: string; readonly name: string }[];
  readonly result: { readonly ok: boolean; readonly message: string; readonly fieldErrors: Readonly<Record<string, string>> } | null;
  readonly submitting: boolean;
}

/** The merchant's code and name for each account of the journal, and optionally an account per tax title. */
export function AccountMappingForm({ accounts, taxAccounts, result, submitting }: AccountMappingFormProps) {
  const saved: Record<string, string> = {};
  for (const { account, code, name } of accounts) {
    saved[accountFieldName("code", account)] = code;
    saved[accountFieldName("name", account)] = name;
  }
  taxAccounts.forEach(({ code, name }, index) => {
    saved[taxFieldName("taxCode", index)] = code;
    saved[taxFieldName("taxName", index)] = name;
  });
  const [values, setValues] = useState(saved);
  const form = useRef<HTMLFormElement>(null);
  const set = (field: string) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const dirty = Object.keys(saved).some((field) => values[field] !== saved[field]);
  const errorOf = (field: string) => {
    const message = result?.fieldErrors[field];
    return message === undefined ? undefined : asSentence(message);
  };
  const field = (fieldName: string, label: string) => (
    <TextField
      id={fieldIdOf(fieldName)}
      name={fieldName}
      label={label}
      value={values[fieldName] ?? ""}
      onChange={set(fieldName)}
      error={errorOf(fieldName)}
      autoComplete="off"
    />
  );

  return (
    <Form method="post" ref={form}>
      <UnsavedChangesBar
        id="account-mapping-save-bar"
        dirty={dirty}
        saving={submitting}
        onSave={() => form.current?.requestSubmit()}
        onDiscard={() => setValues(saved)}
        message="Unsaved account mapping"
      />
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"}>
            <p>{result.message}</p>
          </Banner>
        ) : null}
        {accounts.map(({ account }) => (
          <Card key={account}>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                {ACCOUNT_LABELS[account]}
              </Text>
              <Text as="p" tone="subdued">
                {`${ACCOUNT_PURPOSES[account]}. Default: ${DEFAULT_ACCOUNTS[account].code} ${DEFAULT_ACCOUNTS[account].name}.`}
              </Text>
              <InlineGrid columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="300">
                {field(accountFieldName("code", account), "Account code")}
                {field(accountFieldName("name", account), "Account name")}
              </InlineGrid>
            </BlockStack>
          </Card>
        ))}
        {taxAccounts.length > 0 ? (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingSm">
                An account per tax title
              </Text>
              <Text as="p" tone="subdued">
                Leave both empty to use the tax payable account above.
              </Text>
              {taxAccounts.map(({ title }, index) => (
                <FormLayout key={title}>
                  <input type="hidden" name={taxFieldName("taxTitle", index)} value={title} />
                  <Text as="h3" variant="headingXs">
                    {title}
                  </Text>
                  <InlineGrid columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="300">
                    {field(taxFieldName("taxCode", index), "Account code")}
                    {field(taxFieldName("taxName", index), "Account name")}
                  </InlineGrid>
                </FormLayout>
              ))}
            </BlockStack>
          </Card>
        ) : null}
      </BlockStack>
    </Form>
  );
}
