import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Link, Page, Text } from "@shopify/polaris";

import { contractName } from "../components/contracts/contract-words";
import { CustomerContractsCard } from "../components/customers/CustomerContractsCard";
import { CustomerExposureCard } from "../components/customers/CustomerExposureCard";
import { CustomerStandingCard } from "../components/customers/CustomerStandingCard";
import { CUSTOMER_TERMS_INTENT, CustomerTermsCard } from "../components/customers/CustomerTermsCard";
import { PaymentHistoryCard } from "../components/customers/PaymentHistoryCard";
import { ReliabilityBadge } from "../components/customers/ReliabilityBadge";
import { standingView } from "../components/customers/standing-view";
import { daysBehind } from "../domain/customers/payment-history";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { formatCount } from "../locale/format";
import { listContractRows } from "../models/contract-list.server";
import { CONTRACT_PAGE_SIZE, summarizeContracts } from "../models/contracts.server";
import { customerExposure } from "../models/customer-exposure.server";
import { companyPageUrl, customerCompanyIds } from "../models/customer-companies.server";
import { getCustomerTerms } from "../models/customer-terms.server";
import { cursorText, customerGid, customerHistoryPage, customerStanding, parseCursor } from "../models/customer-history.server";
import { listPlans } from "../models/plans.server";
import { shopFormat } from "../models/shop-profile.server";
import { companyNames } from "../services/customer-terms/company-names.server";
import { saveCustomerTermsAction } from "../services/customer-terms/save-customer-terms.server";
import { creditLimitView, exposureView } from "../services/customer-terms/subject-terms-view.server";
import { customerTermsCardData } from "../services/customer-terms/terms-card-data";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? "Customer"} · Tranche` }];

const NOT_HERE = "This customer has no contracts in this shop.";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const numericId = params.id ?? "";
  const customerId = customerGid(numericId);
  if (customerId === null) throw new Response(NOT_HERE, { status: 404 });
  const format = await shopFormat(deps, shop);
  const today = calendarDateAt(deps.now(), format.timeZone);
  const filter = { customerId };
  const [summary, contracts] = await Promise.all([
    summarizeContracts(deps.db, shop, filter),
    listContractRows(deps.db, shop, { filter, order: { by: "created", direction: "desc" }, today, page: { limit: CONTRACT_PAGE_SIZE, offset: 0 } }),
  ]);
  const latest = contracts[0];
  if (!latest) throw new Response(NOT_HERE, { status: 404 });
  const after = parseCursor(new URL(request.url).searchParams.get("after"));
  const subject = { kind: "customer", customerId } as const;
  const [exposure, standing, history, terms, plans] = await Promise.all([
    customerExposure(deps.db, shop, subject, today),
    customerStanding(deps.db, shop, customerId, today),
    customerHistoryPage(deps.db, shop, customerId, today, after),
    getCustomerTerms(deps.db, shop, subject),
    listPlans(deps.db, shop),
  ]);
  const amount = (minor: bigint, code: string) => formatMinorUnits(minor, currencyFor(code));
  // A buyer for B2B companies: their pages hold the company's and its locations' terms, limits and exposure.
  const companies = await companyNames(deps, shop, await customerCompanyIds(deps.db, shop, customerId));
  const pageUrl = `/app/customers/${numericId}`;
  const named = contracts.find((contract) => contract.customerName !== null) ?? latest;
  return json({
    customer: {
      id: numericId,
      name: named.customerName ?? named.customerEmail ?? `Customer ${numericId}`,
      email: contracts.find((contract) => contract.customerEmail !== null)?.customerEmail ?? null,
    },
    today,
    terms: customerTermsCardData(terms),
    plans: plans.map((plan) => ({ id: plan.id, name: plan.name })),
    // A new limit is set in the currency the customer buys in (their newest contract's).
    termsCurrency: latest.currency,
    standing: standingView(standing),
    exposure: exposureView(exposure),
    creditLimit: creditLimitView(terms, exposure),
    companies: [...companies].flatMap(([id, name]) => {
      const url = companyPageUrl(id);
      return url === null ? [] : [{ name, url }];
    }),
    contracts: contracts.map((contract) => ({
      id: contract.id,
      name: contractName(contract.draftName, contract.draftOrderId),
      badge: contract.badge,
      currency: contract.currency,
      total: amount(contract.totalMinor, contract.currency),
      outstanding: amount(contract.outstandingMinor, contract.currency),
      createdAt: contract.createdAt.toISOString(),
    })),
    moreContracts:
      summary.count > contracts.length
        ? `The newest ${formatCount(contracts.length, format.locale)} of ${formatCount(summary.count, format.locale)} contracts are shown.`
        : null,
    history: {
      rows: history.stages.map((stage) => ({
        stageId: stage.stageId,
        contractId: stage.contractId,
        contractName: stage.draftName ?? "Contract",
        stageTitle: stage.title,
        currency: stage.currency,
        amount: amount(stage.amountMinor, stage.currency),
        dueDate: stage.dueDate,
        paidOn: stage.paidOn,
        outcome: stage.outcome.kind,
        days: daysBehind(stage.outcome),
      })),
      latestUrl: after ? pageUrl : null,
      olderUrl: history.next ? `${pageUrl}?after=${encodeURIComponent(cursorText(history.next))}` : null,
    },
  });
};

/** The terms card's save: the only form this page posts. */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const customerId = customerGid(params.id ?? "");
  if (customerId === null) throw new Response(NOT_HERE, { status: 404 });
  const formData = await request.formData();
  if (formData.get("intent") !== CUSTOMER_TERMS_INTENT) return json({ ok: false, message: "This page saves only the customer's terms.", fieldErrors: {} }, 400);
  const result = await saveCustomerTermsAction(deps, shop, { kind: "customer", customerId }, formData, actor);
  return json({ ok: result.ok, message: result.message, fieldErrors: result.fieldErrors }, result.ok ? 200 : 400);
};

export default function CustomerPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      title={data.customer.name}
      titleMetadata={<ReliabilityBadge standing={data.standing} />}
      subtitle={data.customer.email ?? undefined}
      backAction={{ content: "Customers", url: "/app/customers" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <CustomerStandingCard standing={data.standing} explained />
            {/* In the wide column: a sidebar's plan select would cut a long plan name short. */}
            <CustomerTermsCard terms={data.terms} subjectName={data.customer.name} plans={data.plans} shopCurrency={data.termsCurrency} />
            <CustomerContractsCard contracts={data.contracts} more={data.moreContracts} />
            <PaymentHistoryCard history={data.history} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CustomerExposureCard exposure={data.exposure} creditLimit={data.creditLimit} />
            {data.companies.length > 0 ? <BuysForCard companies={data.companies} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** The B2B companies the customer buys for, each linked to its page (its and its locations' terms, limits, exposure). */
function BuysForCard({ companies }: { readonly companies: readonly { readonly name: string; readonly url: string }[] }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Buys for
        </Text>
        {companies.map((company) => (
          <Link key={company.url} url={company.url}>
            {company.name}
          </Link>
        ))}
        <Text as="p" tone="subdued">
          A company’s terms and credit limit, and its locations’, apply to the orders placed for it.
        </Text>
      </BlockStack>
    </Card>
  );
}
