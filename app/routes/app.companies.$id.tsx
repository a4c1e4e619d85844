import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";

import { CustomerExposureCard } from "../components/customers/CustomerExposureCard";
import { CustomerStandingCard } from "../components/customers/CustomerStandingCard";
import { CUSTOMER_TERMS_INTENT, CustomerTermsCard } from "../components/customers/CustomerTermsCard";
import { ReliabilityBadge } from "../components/customers/ReliabilityBadge";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { companyGid } from "../models/customer-companies.server";
import type { CustomerSubject } from "../models/customer-exposure.server";
import { listPlans } from "../models/plans.server";
import { shopFormat } from "../models/shop-profile.server";
import { namedCompany } from "../services/customer-terms/company-names.server";
import { saveCustomerTermsAction } from "../services/customer-terms/save-customer-terms.server";
import { subjectTermsView } from "../services/customer-terms/subject-terms-view.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.company.name ?? "Company"} · Tranche` }];

const NOT_HERE = "This company has no contracts in this shop.";
/** The `subject` the company's own card posts; a location's card posts the location's id. */
const COMPANY_SUBJECT = "company";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const companyId = companyGid(params.id ?? "");
  if (companyId === null) throw new Response(NOT_HERE, { status: 404 });
  const company = await namedCompany(deps, shop, companyId);
  if (!company) throw new Response(NOT_HERE, { status: 404 });
  const format = await shopFormat(deps, shop);
  const today = calendarDateAt(deps.now(), format.timeZone);
  const [own, plans, ...locations] = await Promise.all([
    subjectTermsView(deps.db, shop, { kind: "company", companyId }, today),
    listPlans(deps.db, shop),
    ...company.locations.map((location) => subjectTermsView(deps.db, shop, { kind: "companyLocation", companyLocationId: location.id }, today)),
  ]);
  return json({
    company: { id: params.id as string, name: company.name, fromShopify: company.fromShopify },
    termsCurrency: company.currency,
    plans: plans.map((plan) => ({ id: plan.id, name: plan.name })),
    own,
    locations: company.locations.map((location, index) => ({ id: location.id, name: location.name, ...locations[index]! })),
  });
};

/** Saves the terms of the company or of one of its locations: whichever card posted (its `subject` field). */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const companyId = companyGid(params.id ?? "");
  if (companyId === null) throw new Response(NOT_HERE, { status: 404 });
  const formData = await request.formData();
  if (formData.get("intent") !== CUSTOMER_TERMS_INTENT) return json({ ok: false, message: "This page saves only terms.", fieldErrors: {} }, 400);
  const company = await namedCompany(deps, shop, companyId);
  if (!company) throw new Response(NOT_HERE, { status: 404 });
  const posted = formData.get("subject");
  const location = company.locations.find((candidate) => candidate.id === posted);
  let subject: CustomerSubject;
  if (posted === COMPANY_SUBJECT) subject = { kind: "company", companyId };
  else if (location) subject = { kind: "companyLocation", companyLocationId: location.id };
  else {
    const message = `Terms not saved: “${typeof posted === "string" ? posted : ""}” is not this company or one of its locations.`;
    return json({ ok: false, message, fieldErrors: { subject: "Not this company or one of its locations" } }, 400);
  }
  const result = await saveCustomerTermsAction(deps, shop, subject, formData, actor);
  return json({ ok: result.ok, message: result.message, fieldErrors: result.fieldErrors }, result.ok ? 200 : 400);
};

export default function CompanyPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      title={data.company.name}
      titleMetadata={<ReliabilityBadge standing={data.own.standing} />}
      subtitle="B2B company: its terms apply to every location, unless the location has its own"
      backAction={{ content: "Customers", url: "/app/customers" }}
    >
      <Layout>
        {data.company.fromShopify ? null : (
          <Layout.Section>
            <Banner tone="warning">
              <p>Shopify could not be asked for this company, so its locations are the ones its contracts name, by the names saved with their terms.</p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <CustomerStandingCard standing={data.own.standing} title="Payment record (every location)" explained />
            <CustomerTermsCard
              id="company-terms"
              heading="Company terms and credit limit"
              subjectKey={COMPANY_SUBJECT}
              terms={data.own.terms}
              subjectName={data.company.name}
              plans={data.plans}
              shopCurrency={data.termsCurrency}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <CustomerExposureCard exposure={data.own.exposure} creditLimit={data.own.creditLimit} heading="Exposure (every location)" />
        </Layout.Section>
        {data.locations.map((location, index) => (
          <LocationSections
            key={location.id}
            index={index}
            location={location}
            companyName={data.company.name}
            plans={data.plans}
            currency={data.termsCurrency}
          />
        ))}
      </Layout>
    </Page>
  );
}

type LocationData = ReturnType<typeof useLoaderData<typeof loader>>["locations"][number];

function LocationSections({
  index,
  location,
  companyName,
  plans,
  currency,
}: {
  readonly index: number;
  readonly location: LocationData;
  readonly companyName: string;
  readonly plans: readonly { readonly id: string; readonly name: string }[];
  readonly currency: string;
}) {
  return (
    <>
      <Layout.Section>
        <BlockStack gap="400">
          <CustomerStandingCard standing={location.standing} title={`${location.name}: payment record`} />
          <CustomerTermsCard
            id={`location-${index + 1}-terms`}
            heading={`${location.name}: terms and credit limit`}
            subjectKey={location.id}
            terms={location.terms}
            subjectName={`${companyName} (${location.name})`}
            plans={plans}
            shopCurrency={currency}
          />
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <CustomerExposureCard exposure={location.exposure} creditLimit={location.creditLimit} heading={`${location.name}: exposure`} />
      </Layout.Section>
    </>
  );
}
