import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { listPlans } from "../models/plans.server";
import { collectionModeFor, getShopSettings, saveShopSettings } from "../models/shop-settings.server";
import { refusalMessage } from "../services/action-errors";
import { shopQuery } from "../shopify/operations/shop-query";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const [settings, plans, { shop: shopInfo }] = await Promise.all([
    getShopSettings(deps.db, shop),
    listPlans(deps.db, shop),
    (await deps.adminFor(shop)).request(shopQuery),
  ]);
  const shopifyPlus = shopInfo.plan.shopifyPlus;
  return json({
    settings,
    shopifyPlus,
    detectedMode: collectionModeFor({ ...settings, collectionMode: "auto" }, shopifyPlus),
    plans: plans.map((plan) => ({ id: plan.id, name: plan.name })),
  });
};

/** "3, 7" → [3, 7]; anything that is not a whole number is left for the model's check to name. */
function dayList(text: FormDataEntryValue | null): number[] {
  return String(text ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const form = await request.formData();
  try {
    const { shop: shopInfo } = await (await deps.adminFor(shop)).request(shopQuery);
    await saveShopSettings(
      deps.db,
      shop,
      {
        collectionMode: String(form.get("collectionMode")) as "auto",
        remindBeforeDays: dayList(form.get("remindBeforeDays")),
        remindAfterDays: dayList(form.get("remindAfterDays")),
        defaultPlanId: String(form.get("defaultPlanId") ?? "") || null,
        requireAcceptance: form.get("requireAcceptance") === "on",
      },
      { shopifyPlus: shopInfo.plan.shopifyPlus, actor },
    );
    return json({ ok: true as const, message: "Settings saved." });
  } catch (error) {
    return json({ ok: false as const, message: refusalMessage(error) }, { status: 422 });
  }
};

const MODE_LABELS = { native: "native (the order's own deposit and payment terms)", stageOrder: "stage orders (a draft order per stage)" } as const;

export default function SettingsPage() {
  const { settings, shopifyPlus, detectedMode, plans } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [mode, setMode] = useState<string>(settings.collectionMode);
  const [before, setBefore] = useState(settings.remindBeforeDays.join(", "));
  const [after, setAfter] = useState(settings.remindAfterDays.join(", "));
  const [defaultPlanId, setDefaultPlanId] = useState(settings.defaultPlanId ?? "");
  const [acceptance, setAcceptance] = useState(settings.requireAcceptance);

  return (
    <Page title="Settings">
      <Form method="post">
        <Layout>
          {result ? (
            <Layout.Section>
              <Banner tone={result.ok ? "success" : "critical"}>
                <p>{result.message}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection
            id="collection"
            title="Collection"
            description={`This shop is ${shopifyPlus ? "on Shopify Plus" : "not on Shopify Plus"}: Tranche detected ${MODE_LABELS[detectedMode]}.`}
          >
            <Card>
              <FormLayout>
                <Select
                  label="Collection mode"
                  name="collectionMode"
                  value={mode}
                  onChange={setMode}
                  options={[
                    { label: `Detected: ${MODE_LABELS[detectedMode]}`, value: "auto" },
                    { label: "Stage orders", value: "stageOrder" },
                    { label: shopifyPlus ? "Native" : "Native (needs Shopify Plus)", value: "native", disabled: !shopifyPlus },
                  ]}
                  helpText="Applies to plans attached from now on; contracts keep the mode they started with."
                />
                <Checkbox
                  label="Ask buyers to accept the payment schedule at checkout"
                  name="requireAcceptance"
                  checked={acceptance}
                  onChange={setAcceptance}
                  helpText="Where the checkout lets the Tranche block stop the buyer until they tick it."
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection id="reminders" title="Reminders" description="When an unpaid stage's payment link is emailed again.">
            <Card>
              <FormLayout>
                <TextField
                  label="Days before the due date"
                  name="remindBeforeDays"
                  value={before}
                  onChange={setBefore}
                  autoComplete="off"
                  helpText="Comma-separated, e.g. 3"
                />
                <TextField
                  label="Days after the due date"
                  name="remindAfterDays"
                  value={after}
                  onChange={setAfter}
                  autoComplete="off"
                  helpText="Comma-separated, e.g. 1, 7"
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection id="plans" title="Default plan" description="Offered first when a customer has no plan of their own yet.">
            <Card>
              <Select
                label="Default plan"
                name="defaultPlanId"
                value={defaultPlanId}
                onChange={setDefaultPlanId}
                options={[{ label: "None", value: "" }, ...plans.map((plan) => ({ label: plan.name, value: plan.id }))]}
              />
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack inlineAlign="end">
              <Button submit variant="primary" loading={navigation.state === "submitting"}>
                Save settings
              </Button>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
      <Text as="p" tone="subdued" alignment="center">
        Settings apply to this shop only.
      </Text>
    </Page>
  );
}
