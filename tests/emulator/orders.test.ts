import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BASIC, PLUS, startOrderTestEmulator, topicsFor, type OrderTestEmulator } from "./order-test-emulator";
import { orderPayload } from "../../emulator/webhooks/payloads/order";
import { insertOrder } from "./order-fixture";

let t: OrderTestEmulator;
beforeAll(async () => {
  t = await startOrderTestEmulator();
});
afterAll(() => t.emulator.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

const MONEY = "shopMoney { amount currencyCode }";
const BALANCES = `displayFinancialStatus fullyPaid totalOutstandingSet { ${MONEY} } totalReceivedSet { ${MONEY} } totalRefundedSet { ${MONEY} } netPaymentSet { ${MONEY} } currentTotalPriceSet { ${MONEY} }`;
const amountOf = (set: { shopMoney: { amount: string } }) => set.shopMoney.amount;

describe("the Order view", () => {
  it("answers order(id) with the fields the app reads", async () => {
    const customer = t.emulator.store.shop(BASIC.domain).customers[0]!;
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { taxRate: "0.1", shipping: "40.00", deposit: "300.00", customerId: customer.id });
    const { data, errors } = await t.admin(
      `query($id: ID!) { order(id: $id) {
        id name legacyResourceId createdAt processedAt updatedAt cancelledAt cancelReason closed email customer { id }
        currencyCode taxesIncluded customAttributes { key value } note tags sourceName
        subtotalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} } totalShippingPriceSet { ${MONEY} } totalTaxSet { ${MONEY} }
        taxLines { title rate ratePercentage priceSet { ${MONEY} } } totalPriceSet { ${MONEY} } ${BALANCES}
        displayFulfillmentStatus capturable paymentGatewayNames
        lineItems(first: 10) { nodes { id title quantity sku originalUnitPriceSet { ${MONEY} } discountedTotalSet { ${MONEY} } taxLines { title priceSet { ${MONEY} } } requiresShipping customAttributes { key value } } }
        transactions { id kind status amountSet { ${MONEY} } gateway formattedGateway processedAt createdAt errorCode manualPaymentGateway paymentId parentTransaction { id } }
        paymentTerms { id paymentTermsName paymentTermsType dueInDays overdue paymentSchedules(first: 1) { nodes { id dueAt issuedAt completedAt due balanceDue { amount } totalBalance { amount } } } }
        paymentCollectionDetails { additionalPaymentCollectionUrl vaultedPaymentMethods { id paymentInstrument { __typename ... on VaultCreditCard { brand lastDigits } } } }
        fulfillmentOrders(first: 5) { nodes { id status requestStatus fulfillmentHolds { id } lineItems(first: 5) { nodes { id totalQuantity remainingQuantity } } } }
        fulfillments { id status createdAt }
        refunds { id createdAt totalRefundedSet { ${MONEY} } note }
      } }`,
      { id: order.id },
    );
    expect(errors).toBeUndefined();
    const view = data.order;
    // 800 + 4 × 50 = 1000; tax 10% of (1000 + 40 shipping) = 104; total 1144; 300 paid at checkout.
    expect(view).toMatchObject({
      id: order.id,
      name: order.name,
      legacyResourceId: order.id.split("/").pop(),
      closed: false,
      cancelledAt: null,
      email: "buyer@example.com",
      customer: { id: customer.id },
      currencyCode: "USD",
      customAttributes: [{ key: "tranche_contract", value: "C-1" }],
      tags: ["tranche"],
      sourceName: "shopify_draft_order",
      subtotalPriceSet: { shopMoney: { amount: "1000.0", currencyCode: "USD" } },
      totalShippingPriceSet: { shopMoney: { amount: "40.0", currencyCode: "USD" } },
      totalTaxSet: { shopMoney: { amount: "104.0", currencyCode: "USD" } },
      taxLines: [{ title: "VAT", rate: 0.1, ratePercentage: 10, priceSet: { shopMoney: { amount: "104.0", currencyCode: "USD" } } }],
      totalPriceSet: { shopMoney: { amount: "1144.0", currencyCode: "USD" } },
      totalOutstandingSet: { shopMoney: { amount: "844.0", currencyCode: "USD" } },
      totalReceivedSet: { shopMoney: { amount: "300.0", currencyCode: "USD" } },
      displayFinancialStatus: "PARTIALLY_PAID",
      fullyPaid: false,
      displayFulfillmentStatus: "UNFULFILLED",
      capturable: false,
      paymentGatewayNames: ["shopify_payments", "manual"],
      fulfillments: [],
      refunds: [],
    });
    expect(view.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(view.lineItems.nodes[1]).toMatchObject({
      title: "Oak chair",
      quantity: 4,
      sku: "CHAIR-OAK",
      discountedTotalSet: { shopMoney: { amount: "200.0" } },
      taxLines: [{ title: "VAT", priceSet: { shopMoney: { amount: "20.0" } } }],
    });
    expect(view.transactions.map((tx: any) => [tx.kind, tx.status, tx.gateway, tx.manualPaymentGateway])).toEqual([
      ["SALE", "PENDING", "manual", true],
      ["SALE", "SUCCESS", "shopify_payments", false],
    ]);
    expect(view.paymentTerms).toMatchObject({ paymentTermsName: "Net 30", paymentTermsType: "NET", dueInDays: 30, overdue: false });
    expect(view.paymentTerms.paymentSchedules.nodes[0]).toMatchObject({
      due: false,
      completedAt: null,
      balanceDue: { amount: "844.0" },
      totalBalance: { amount: "844.0" },
    });
    expect(view.paymentCollectionDetails).toEqual({
      additionalPaymentCollectionUrl: `${t.emulator.url}/checkout/order/${order.id.split("/").pop()}`,
      vaultedPaymentMethods: [{ id: mandate!.id, paymentInstrument: { __typename: "VaultCreditCard", brand: "Visa", lastDigits: "4242" } }],
    });
    expect(view.fulfillmentOrders.nodes[0]).toMatchObject({
      status: "OPEN",
      requestStatus: "UNSUBMITTED",
      fulfillmentHolds: [],
      lineItems: {
        nodes: [
          { totalQuantity: 1, remainingQuantity: 1 },
          { totalQuantity: 4, remainingQuantity: 4 },
        ],
      },
    });
  });

  it("gives each order Shopify's random 9-character confirmationNumber, in its webhook payload too", async () => {
    const numbers = new Set<string>();
    for (let count = 0; count < 5; count += 1) {
      const { order } = insertOrder(t.emulator.store, BASIC.domain);
      const { data, errors } = await t.admin("query($id: ID!) { order(id: $id) { confirmationNumber } }", { id: order.id });
      expect(errors).toBeUndefined();
      expect(data.order.confirmationNumber).toMatch(/^[A-Z0-9]{9}$/);
      expect(orderPayload(t.emulator.store.shop(BASIC.domain), order).confirmation_number).toBe(data.order.confirmationNumber);
      numbers.add(data.order.confirmationNumber as string);
    }
    expect(numbers.size).toBe(5);
  });

  it("answers null for an unknown order and PENDING for an unpaid order with payment terms", async () => {
    const unknown = await t.admin('{ order(id: "gid://shopify/Order/999999") { id } }');
    expect(unknown.data.order).toBeNull();
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const { data } = await t.admin(`query($id: ID!) { order(id: $id) { ${BALANCES} } }`, { id: order.id });
    expect(data.order.displayFinancialStatus).toBe("PENDING");
    expect(amountOf(data.order.totalOutstandingSet)).toBe("1000.0");
  });

  it("searches orders by name and status", async () => {
    const { order: open } = insertOrder(t.emulator.store, BASIC.domain, { tags: ["search-me"] });
    const { order: cancelled } = insertOrder(t.emulator.store, BASIC.domain, { tags: ["search-me"] });
    await t.admin("mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: false) { orderCancelUserErrors { message } } }", {
      id: cancelled.id,
    });
    const byName = await t.admin("query($q: String) { orders(first: 10, query: $q) { nodes { id } } }", { q: `name:${open.name}` });
    expect(byName.data.orders.nodes).toEqual([{ id: open.id }]);
    const byNameWithoutHash = await t.admin("query($q: String) { orders(first: 10, query: $q) { nodes { id } } }", { q: `name:${open.name.slice(1)}` });
    expect(byNameWithoutHash.data.orders.nodes).toEqual([{ id: open.id }]);
    const openTagged = await t.admin('{ orders(first: 10, query: "tag:search-me status:open") { nodes { id } } }');
    expect(openTagged.data.orders.nodes).toEqual([{ id: open.id }]);
    const cancelledTagged = await t.admin('{ orders(first: 10, query: "tag:search-me status:cancelled") { nodes { id } } }');
    expect(cancelledTagged.data.orders.nodes).toEqual([{ id: cancelled.id }]);
    const paged = await t.admin('{ orders(first: 1, query: "tag:search-me") { nodes { id } pageInfo { hasNextPage endCursor } } }');
    expect(paged.data.orders.pageInfo.hasNextPage).toBe(true);
    const next = await t.admin('query($after: String) { orders(first: 1, after: $after, query: "tag:search-me") { nodes { id } pageInfo { hasNextPage } } }', {
      after: paged.data.orders.pageInfo.endCursor,
    });
    expect(next.data.orders).toEqual({ nodes: [{ id: cancelled.id }], pageInfo: { hasNextPage: false } });
    const unbounded = await t.admin("{ orders { nodes { id } } }");
    expect(unbounded.errors[0].message).toBe("you must provide one of first or last");
  });
});

describe("balances", () => {
  it("follows partial and full payments to PARTIALLY_PAID and PAID", async () => {
    const { order } = insertOrder(t.emulator.store, PLUS.domain, { deposit: "300.00" });
    const pay = (amount: string) =>
      t.admin(
        `mutation($id: ID!, $amount: MoneyInput) { orderCreateManualPayment(id: $id, amount: $amount) { order { ${BALANCES} } userErrors { field message code } } }`,
        { id: order.id, amount: { amount, currencyCode: "EUR" } },
        PLUS.token,
      );
    const partial = (await pay("200.00")).data.orderCreateManualPayment;
    expect(partial.userErrors).toEqual([]);
    expect(partial.order).toMatchObject({
      displayFinancialStatus: "PARTIALLY_PAID",
      fullyPaid: false,
      totalOutstandingSet: { shopMoney: { amount: "500.0", currencyCode: "EUR" } },
      totalReceivedSet: { shopMoney: { amount: "500.0" } },
    });
    const full = (await pay("500.00")).data.orderCreateManualPayment;
    expect(full.order).toMatchObject({
      displayFinancialStatus: "PAID",
      fullyPaid: true,
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
      netPaymentSet: { shopMoney: { amount: "1000.0" } },
    });
  });
});

describe("orderCancel", () => {
  it("cancels, closes the fulfillment orders, and refunds what was paid when asked", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const { data } = await t.admin(
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true, notifyCustomer: false, staffNote: "changed mind") { job { id done } orderCancelUserErrors { field message code } userErrors { field message } } }',
      { id: order.id },
    );
    expect(data.orderCancel.orderCancelUserErrors).toEqual([]);
    expect(data.orderCancel.job.id).toMatch(/^gid:\/\/shopify\/Job\//);
    const read = await t.admin(
      `query($id: ID!) { order(id: $id) { cancelledAt cancelReason closed ${BALANCES} fulfillmentOrders(first: 1) { nodes { status } } refunds { totalRefundedSet { ${MONEY} } } } }`,
      { id: order.id },
    );
    expect(read.data.order).toMatchObject({
      cancelReason: "CUSTOMER",
      closed: true,
      displayFinancialStatus: "REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "300.0" } },
      netPaymentSet: { shopMoney: { amount: "0.0" } },
      currentTotalPriceSet: { shopMoney: { amount: "0.0" } },
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
      fulfillmentOrders: { nodes: [{ status: "CLOSED" }] },
      refunds: [{ totalRefundedSet: { shopMoney: { amount: "300.0" } } }],
    });
    expect(read.data.order.cancelledAt).not.toBeNull();
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "refunds/create", "orders/cancelled", "orders/updated"]);
    const job = await t.admin("query($id: ID!) { job(id: $id) { done } }", { id: data.orderCancel.job.id });
    expect(job.data.job.done).toBe(true);
  });

  it("voids an open authorization on cancel with refund, announcing each void and refund transaction", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const now = t.emulator.store.clock.nowIso();
    const authorization = {
      id: t.emulator.store.newId("OrderTransaction"),
      kind: "AUTHORIZATION",
      status: "SUCCESS",
      amount: "200.00",
      gateway: "shopify_payments",
      createdAt: now,
      processedAt: now,
      manual: false,
    } as const;
    order.transactions.push(authorization);
    const { data } = await t.admin(
      "mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: false) { orderCancelUserErrors { message } } }",
      { id: order.id },
    );
    expect(data.orderCancel.orderCancelUserErrors).toEqual([]);
    const announced = t.webhooks
      .filter((webhook) => webhook.topic === "order_transactions/create" && webhook.subject.type === "transaction" && webhook.subject.orderId === order.id)
      .map((webhook) => order.transactions.find((transaction) => webhook.subject.type === "transaction" && transaction.id === webhook.subject.transactionId));
    expect(announced.map((transaction) => [transaction?.kind, transaction?.amount, transaction?.parentTransactionId])).toEqual([
      ["VOID", "200.00", authorization.id],
      ["REFUND", "300.00", order.transactions[1]!.id],
    ]);
    expect(topicsFor(t.webhooks, order.id)).toEqual([
      "order_transactions/create",
      "order_transactions/create",
      "refunds/create",
      "orders/cancelled",
      "orders/updated",
    ]);
  });

  it("refuses an order already cancelled, and the argument conflicts Shopify refuses", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const cancel = (extra = "") =>
      t.admin(
        `mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: false${extra}) { job { id } orderCancelUserErrors { field message code } } }`,
        { id: order.id },
      );
    expect((await cancel(", refund: true, refundMethod: { originalPaymentMethodsRefund: true }")).data.orderCancel).toEqual({
      job: null,
      orderCancelUserErrors: [{ field: ["refund"], message: "Only one of the arguments `refund` or `refund_method` is allowed.", code: "INVALID" }],
    });
    expect((await cancel()).data.orderCancel.orderCancelUserErrors).toEqual([]);
    expect((await cancel()).data.orderCancel.orderCancelUserErrors).toEqual([
      { field: ["orderId"], message: "Cannot cancel an order that has already been canceled", code: "INVALID" },
    ]);
  });
});

describe("job(id)", () => {
  it("knows the jobs the emulator handed out, cancellations included, and answers null for any other id", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const { data } = await t.admin("mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: false) { job { id } } }", { id: order.id });
    const job = (id: string) => t.admin("query($id: ID!) { job(id: $id) { id done } }", { id });
    expect((await job(data.orderCancel.job.id)).data.job).toEqual({ id: data.orderCancel.job.id, done: true });
    expect(t.emulator.store.shop(BASIC.domain).jobs.find((recorded) => recorded.id === data.orderCancel.job.id)).toMatchObject({
      kind: "orderCancel",
      done: true,
      payload: { orderId: order.id },
    });
    expect((await job("gid://shopify/Job/987654321")).data.job).toBeNull();
  });
});

describe("refundCreate", () => {
  const REFUND = `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id note totalRefundedSet { ${MONEY} } transactions(first: 5) { nodes { kind status gateway amountSet { ${MONEY} } parentTransaction { id } } } } order { ${BALANCES} } userErrors { field message } } }`;

  it("refunds part of a payment, updating the balances, and refuses more than was received", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const sale = order.transactions.find((tx) => tx.status === "SUCCESS")!;
    const refund = (amount: string, extra: Record<string, unknown> = {}) =>
      t.admin(REFUND, {
        input: {
          orderId: order.id,
          note: "goodwill",
          transactions: [{ amount, gateway: "manual", kind: "REFUND", orderId: order.id, parentId: sale.id, ...extra }],
        },
      });
    const { data } = await refund("100.00");
    expect(data.refundCreate.userErrors).toEqual([]);
    expect(data.refundCreate.refund).toMatchObject({
      note: "goodwill",
      totalRefundedSet: { shopMoney: { amount: "100.0" } },
      transactions: {
        nodes: [
          { kind: "REFUND", status: "SUCCESS", gateway: "shopify_payments", amountSet: { shopMoney: { amount: "100.0" } }, parentTransaction: { id: sale.id } },
        ],
      },
    });
    expect(data.refundCreate.order).toMatchObject({
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "100.0" } },
      netPaymentSet: { shopMoney: { amount: "200.0" } },
      totalOutstandingSet: { shopMoney: { amount: "700.0" } },
    });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "refunds/create", "orders/updated"]);

    const over = await refund("250.00");
    expect(over.data.refundCreate.refund).toBeNull();
    expect(over.data.refundCreate.userErrors).toEqual([{ field: null, message: "Refund amount $250.00 is greater than net payment received $200.00" }]);
    const wrongKind = await refund("10.00", { kind: "AUTHORIZATION" });
    expect(wrongKind.data.refundCreate.userErrors).toEqual([{ field: null, message: "Kind authorization is not a valid transaction" }]);
    const noParent = await refund("10.00", { parentId: "gid://shopify/OrderTransaction/1" });
    expect(noParent.data.refundCreate.userErrors).toEqual([{ field: ["transactions"], message: "Transactions require a parent_id associated with the order" }]);
  });

  it("refunds each payment at most what it has left to refund, even when the order received more", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    await t.admin("mutation($id: ID!) { orderCreateManualPayment(id: $id) { userErrors { message } } }", { id: order.id });
    const [deposit, balance] = order.transactions.filter((tx) => tx.status === "SUCCESS");
    const refund = (transactions: { amount: string; parentId: string }[]) =>
      t.admin(REFUND, {
        input: { orderId: order.id, transactions: transactions.map((tx) => ({ ...tx, gateway: "shopify_payments", kind: "REFUND", orderId: order.id })) },
      });
    const tooMuch = (await refund([{ amount: "300.01", parentId: deposit!.id }])).data.refundCreate;
    expect(tooMuch.refund).toBeNull();
    expect(tooMuch.userErrors).toEqual([
      { field: ["transactions"], message: "Refund amount $300.01 is greater than the refundable amount $300.00 of the transaction" },
    ]);
    const splitTooMuch = (
      await refund([
        { amount: "200.00", parentId: deposit!.id },
        { amount: "150.00", parentId: deposit!.id },
      ])
    ).data.refundCreate;
    expect(splitTooMuch.userErrors).toEqual([
      { field: ["transactions"], message: "Refund amount $350.00 is greater than the refundable amount $300.00 of the transaction" },
    ]);
    expect(order.refunds).toEqual([]);
    expect(order.transactions.filter((tx) => tx.kind === "REFUND")).toEqual([]);

    expect((await refund([{ amount: "250.00", parentId: deposit!.id }])).data.refundCreate.userErrors).toEqual([]);
    const afterPartial = (await refund([{ amount: "50.01", parentId: deposit!.id }])).data.refundCreate;
    expect(afterPartial.userErrors).toEqual([
      { field: ["transactions"], message: "Refund amount $50.01 is greater than the refundable amount $50.00 of the transaction" },
    ]);
    const both = (
      await refund([
        { amount: "50.00", parentId: deposit!.id },
        { amount: "700.00", parentId: balance!.id },
      ])
    ).data.refundCreate;
    expect(both.userErrors).toEqual([]);
    expect(both.order).toMatchObject({ displayFinancialStatus: "REFUNDED", netPaymentSet: { shopMoney: { amount: "0.0" } } });
  });
});
