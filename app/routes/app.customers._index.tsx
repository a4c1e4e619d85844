import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";

import { customerListUrl, readCustomerListQuery, sortParts } from "../components/customers/customer-list-query";
import { CustomersIndex } from "../components/customers/CustomersIndex";
import { standingView } from "../components/customers/standing-view";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { customerExposure } from "../models/customer-exposure.server";
import { countCustomers, CUSTOMER_PAGE_SIZE, customerNumericId, customersStanding, listCustomers } from "../models/customer-history.server";
import { shopFormat } from "../models/shop-profile.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Customers · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const query = readCustomerListQuery(new URL(request.url).searchParams);
  const format = await shopFormat(deps, shop);
  const today = calendarDateAt(deps.now(), format.timeZone);
  const count = await countCustomers(deps.db, shop, query.search);
  const pageCount = Math.max(1, Math.ceil(count / CUSTOMER_PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last one.
  const page = Math.min(query.page, pageCount);
  const { key, direction } = sortParts(query.sort);
  const customers = await listCustomers(deps.db, shop, {
    search: query.search,
    sort: key,
    direction,
    today,
    page: { limit: CUSTOMER_PAGE_SIZE, offset: (page - 1) * CUSTOMER_PAGE_SIZE },
  });
  const ids = customers.map((customer) => customer.customerId);
  const [standings, exposures] = await Promise.all([
    customersStanding(deps.db, shop, ids, today),
    Promise.all(ids.map((customerId) => customerExposure(deps.db, shop, { kind: "customer", customerId }, today))),
  ]);
  return json({
    query: { ...query, page },
    count,
    pageCount,
    previousUrl: page > 1 ? customerListUrl({ ...query, page: page - 1 }) : null,
    nextUrl: page < pageCount ? customerListUrl({ ...query, page: page + 1 }) : null,
    // Customer GIDs are the only ones listed (the query requires one), so each has a numeric id.
    rows: customers.flatMap((customer, index) => {
      const id = customerNumericId(customer.customerId);
      const standing = standings.get(customer.customerId);
      if (id === null || standing === undefined) return [];
      return [
        {
          id,
          name: customer.name,
          email: customer.email,
          contracts: customer.contracts,
          exposure: (exposures[index] ?? []).map((line) => {
            const currency = currencyFor(line.currency);
            return {
              currency: line.currency,
              unpaid: formatMinorUnits(line.unpaidMinor, currency),
              overdue: line.overdueMinor > 0n ? formatMinorUnits(line.overdueMinor, currency) : null,
            };
          }),
          standing: standingView(standing),
        },
      ];
    }),
  });
};

export default function CustomersPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/customers";
  return (
    <Page title="Customers" subtitle="Everyone with a contract: what they owe and how they have paid">
      <Layout>
        <Layout.Section>
          <CustomersIndex data={data} loading={loading} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
