import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, Layout, Page, Text } from "@shopify/polaris";

import { ErrorSummaryBanner } from "../components/forms/ErrorSummaryBanner";
import { fieldProblemsOf, type FieldTargets } from "../components/forms/field-problems";
import { BRANDING_FIELDS } from "../components/settings/branding-fields";
import { GENERAL_SETTINGS_FIELDS } from "../components/settings/general-settings-fields";
import { BrandingForm } from "../components/settings/BrandingForm";
import { AvaTaxSettingsCard } from "../components/settings/AvaTaxSettingsCard";
import { AVATAX_FIELDS } from "../components/settings/avatax-fields";
import { getAvaTaxSettings } from "../models/avatax-settings.server";
import { EMAIL_PREVIEW_ROUTE, EmailTemplatesCard, TEMPLATE_FIELDS } from "../components/settings/EmailTemplatesCard";
import { GeneralSettingsForm } from "../components/settings/GeneralSettingsForm";
import { WORKING_DAYS_FIELDS, WORKING_DAYS_INTENT } from "../components/settings/working-days-fields";
import { WorkingDaysForm } from "../components/settings/WorkingDaysForm";
import { BUYER_EMAIL_KINDS } from "../domain/documents/buyer-email";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { defaultTemplateText, placeholdersFor } from "../emails/template-text";
import { formatAmount } from "../locale/format";
import { listContracts, type StoredContract } from "../models/contracts.server";
import { listEmailTemplateTexts } from "../models/email-template-texts.server";
import { listPlans } from "../models/plans.server";
import { getShopBranding, MAX_LOGO_BYTES, type ShopBranding } from "../models/shop-branding.server";
import { shopFormat, shopLocaleChoice } from "../models/shop-profile.server";
import { collectionModeFor, getShopSettings } from "../models/shop-settings.server";
import { runSettingsAction } from "../services/settings/settings-action.server";
import type { SettingsFormName } from "../services/settings/settings-result";
import { shopQuery } from "../shopify/operations/shop-query";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tranche" }];

/** How many of the shop's newest contracts the email preview offers. */
const PREVIEW_CONTRACTS = 20;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps, localMode } = await requireStaff(request);
  const [settings, plans, { shop: shopInfo }, branding, templateTexts, recentContracts, { locale }] = await Promise.all([
    getShopSettings(deps.db, shop),
    listPlans(deps.db, shop),
    (await deps.adminFor(shop)).request(shopQuery),
    getShopBranding(deps.db, shop),
    listEmailTemplateTexts(deps.db, shop),
    listContracts(deps.db, shop, {}, { limit: PREVIEW_CONTRACTS, offset: 0 }),
    shopFormat(deps, shop),
  ]);
  const localeChoice = await shopLocaleChoice(deps.db, shop);
  const avatax = await getAvaTaxSettings(deps.db, shop);
  const shopifyPlus = shopInfo.plan.shopifyPlus;
  return json({
    settings,
    localeChoice,
    currency: shopInfo.currencyCode,
    shopifyPlus,
    detectedMode: collectionModeFor({ ...settings, collectionMode: "auto" }, shopifyPlus),
    plans: plans.map((plan) => ({ id: plan.id, name: plan.name })),
    branding: brandingFormValues(branding),
    maxLogoKilobytes: MAX_LOGO_BYTES / 1024,
    emailTemplates: BUYER_EMAIL_KINDS.map((kind) => ({
      kind,
      subject: templateTexts[kind]?.subject ?? "",
      intro: templateTexts[kind]?.intro ?? "",
      defaults: defaultTemplateText(kind, "en"),
      placeholders: placeholdersFor(kind),
    })),
    previewContracts: recentContracts.map((contract) => ({ id: contract.id, label: contractLabel(contract, locale) })),
    avatax,
    // Only local mode may send AvaTax credentials to a server of its own (the demo's local AvaTax server).
    avataxCustomServer: localMode,
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const staff = await requireStaff(request);
  const result = await runSettingsAction(staff, request);
  return json(result, { status: result.ok ? 200 : 422 });
};

// A preview or a test send changes nothing on this page: reloading it would only ask Shopify about the shop again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === EMAIL_PREVIEW_ROUTE ? false : defaultShouldRevalidate;

function brandingFormValues(branding: ShopBranding) {
  return {
    sellerName: branding.sellerName ?? "",
    sellerEmail: branding.sellerEmail ?? "",
    sellerAddress: branding.sellerAddress.join("\n"),
    primaryColor: branding.primaryColor,
    accentColor: branding.accentColor,
    footer: branding.footer ?? "",
    // Inline, so the admin shows the logo without a request of its own (it is at most MAX_LOGO_BYTES).
    logoUrl: branding.logo ? `data:${branding.logo.contentType};base64,${Buffer.from(branding.logo.data).toString("base64")}` : null,
  };
}

/** "#D12 · Avery Quinn · €1,200.00" (in the shop's locale), as staff pick a contract to preview with. */
function contractLabel(contract: StoredContract, locale: string): string {
  const total = formatAmount(formatMinorUnits(contract.totalMinor, currencyFor(contract.currency)), contract.currency, locale);
  return [contract.sourceDraftName ?? "Draft order", contract.customerName ?? contract.customerEmail, total].filter(Boolean).join(" · ");
}

/** Each form's fields that the summary at the top links to (the general settings' are added with their ids). */
const SUMMARY_FIELDS: Readonly<Record<SettingsFormName, FieldTargets>> = {
  settings: GENERAL_SETTINGS_FIELDS,
  workingDays: WORKING_DAYS_FIELDS,
  branding: BRANDING_FIELDS,
  template: TEMPLATE_FIELDS,
  avatax: AVATAX_FIELDS,
};

/** Changes when the stored branding does: its texts, and the logo by its size and last characters (not its whole data URL). */
function brandingKey(branding: ReturnType<typeof brandingFormValues>): string {
  const { logoUrl, ...texts } = branding;
  return JSON.stringify([texts, logoUrl?.length ?? 0, logoUrl?.slice(-16) ?? ""]);
}

export default function SettingsPage() {
  const {
    settings,
    localeChoice,
    currency,
    shopifyPlus,
    detectedMode,
    plans,
    branding,
    maxLogoKilobytes,
    emailTemplates,
    previewContracts,
    avatax,
    avataxCustomServer,
  } = useLoaderData<typeof loader>();
  // Working days have their own form: saving them leaves the general form's unsaved edits alone.
  const { workingDays, ...generalSettings } = settings;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const resultOf = (form: SettingsFormName) => (result?.form === form ? result : null);
  const problems = result && !result.ok ? fieldProblemsOf(result.fieldErrors, SUMMARY_FIELDS[result.form]) : [];

  return (
    <Page title="Settings">
      <BlockStack gap="500">
        <ErrorSummaryBanner problems={problems} attempt={result ? 1 : 0} />
        <GeneralSettingsForm
          // Saved settings start the form anew from what is stored.
          key={JSON.stringify([generalSettings, localeChoice.chosen])}
          settings={generalSettings}
          locale={localeChoice}
          currency={currency}
          shopifyPlus={shopifyPlus}
          detectedMode={detectedMode}
          plans={plans}
          result={resultOf("settings")}
          submitting={submitting === "settings"}
        />
        <Layout>
          <Layout.AnnotatedSection
            id="working-days"
            title="Working days"
            description="Weekdays the shop is closed and its holidays. A due date that falls on one can move to the next or the previous working day; plans attached from now on use this, attached contracts keep their dates."
          >
            <WorkingDaysForm
              // Saved working days start the form anew from what is stored.
              key={JSON.stringify(workingDays)}
              workingDays={workingDays}
              result={resultOf(WORKING_DAYS_INTENT)}
              submitting={submitting === WORKING_DAYS_INTENT}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="branding"
            title="Branding"
            description="How the emails, invoices and the buyer's pages look: who sends them, where replies go, colours, footer and logo."
          >
            <BrandingForm
              // Saved branding starts the form anew from what is stored (and clears the chosen logo file).
              key={brandingKey(branding)}
              branding={branding}
              maxLogoKilobytes={maxLogoKilobytes}
              result={resultOf("branding")}
              submitting={submitting === "branding"}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="email-templates"
            title="Email templates"
            description="Each email's subject and opening paragraph. The schedule, amounts and links below them are always the contract's own."
          >
            <EmailTemplatesCard
              templates={emailTemplates}
              contracts={previewContracts}
              testRecipient={branding.sellerEmail}
              result={resultOf("template")}
              submitting={submitting === "template"}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="avatax"
            title="AvaTax"
            description="Optional: record each stage's tax in Avalara AvaTax when it is invoiced, and return or void it when money goes back."
          >
            <AvaTaxSettingsCard
              // Saved settings start the card anew from what is stored (the license key field empty again).
              key={JSON.stringify(avatax)}
              settings={avatax}
              customServerAllowed={avataxCustomServer}
              result={resultOf("avatax")}
              submitting={typeof submitting === "string" && submitting.startsWith("avatax") ? submitting : null}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="account-mapping"
            title="Account mapping"
            description="The accounts of your chart of accounts that the accounting exports book receivables, deposits, revenue, refunds and tax to."
          >
            <Card>
              <BlockStack gap="200" inlineAlign="start">
                <Text as="p">Exports to QuickBooks Online, Xero or a journal file use these account codes and names.</Text>
                <Button url="/app/settings/accounts">Edit account mapping</Button>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
        <Text as="p" tone="subdued" alignment="center">
          Settings apply to this shop only.
        </Text>
      </BlockStack>
    </Page>
  );
}
