import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Layout, Page, Text } from "@shopify/polaris";

import { BrandingForm } from "../components/settings/BrandingForm";
import { EMAIL_PREVIEW_ROUTE, EmailTemplatesCard } from "../components/settings/EmailTemplatesCard";
import { GeneralSettingsForm } from "../components/settings/GeneralSettingsForm";
import { formatMoney } from "../components/money-format";
import { BUYER_EMAIL_KINDS } from "../domain/documents/buyer-email";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { defaultTemplateText, placeholdersFor } from "../emails/template-text";
import { listContracts, type StoredContract } from "../models/contracts.server";
import { listEmailTemplateTexts } from "../models/email-template-texts.server";
import { listPlans } from "../models/plans.server";
import { getShopBranding, MAX_LOGO_BYTES, type ShopBranding } from "../models/shop-branding.server";
import { collectionModeFor, getShopSettings } from "../models/shop-settings.server";
import { runSettingsAction } from "../services/settings/settings-action.server";
import type { SettingsFormName } from "../services/settings/settings-result";
import { shopQuery } from "../shopify/operations/shop-query";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tranche" }];

/** How many of the shop's newest contracts the email preview offers. */
const PREVIEW_CONTRACTS = 20;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const [settings, plans, { shop: shopInfo }, branding, templateTexts, recentContracts] = await Promise.all([
    getShopSettings(deps.db, shop),
    listPlans(deps.db, shop),
    (await deps.adminFor(shop)).request(shopQuery),
    getShopBranding(deps.db, shop),
    listEmailTemplateTexts(deps.db, shop),
    listContracts(deps.db, shop, {}, { limit: PREVIEW_CONTRACTS, offset: 0 }),
  ]);
  const shopifyPlus = shopInfo.plan.shopifyPlus;
  return json({
    settings,
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
    previewContracts: recentContracts.map((contract) => ({ id: contract.id, label: contractLabel(contract) })),
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

/** "#D12 · Avery Quinn · €1,200.00", as staff pick a contract to preview with. */
function contractLabel(contract: StoredContract): string {
  const total = formatMoney(formatMinorUnits(contract.totalMinor, currencyFor(contract.currency)), contract.currency);
  return [contract.sourceDraftName ?? "Draft order", contract.customerName ?? contract.customerEmail, total].filter(Boolean).join(" · ");
}

export default function SettingsPage() {
  const { settings, shopifyPlus, detectedMode, plans, branding, maxLogoKilobytes, emailTemplates, previewContracts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const resultOf = (form: SettingsFormName) => (result?.form === form ? result : null);

  return (
    <Page title="Settings">
      <BlockStack gap="500">
        <GeneralSettingsForm
          settings={settings}
          shopifyPlus={shopifyPlus}
          detectedMode={detectedMode}
          plans={plans}
          result={resultOf("settings")}
          submitting={submitting === "settings"}
        />
        <Layout>
          <Layout.AnnotatedSection
            id="branding"
            title="Branding"
            description="How the emails, invoices and the buyer's pages look: who sends them, where replies go, colours, footer and logo."
          >
            <BrandingForm branding={branding} maxLogoKilobytes={maxLogoKilobytes} result={resultOf("branding")} submitting={submitting === "branding"} />
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
        </Layout>
        <Text as="p" tone="subdued" alignment="center">
          Settings apply to this shop only.
        </Text>
      </BlockStack>
    </Page>
  );
}
