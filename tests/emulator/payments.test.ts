import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BASIC, PLUS, startOrderTestEmulator, topicsFor, type OrderTestEmulator } from "./order-test-emulator";
import { insertOrder } from "./order-fixture";

let t: OrderTestEmulator;
beforeAll(async () => {
  t = await startOrderTestEmulator();
});
afterAll(() => t.emulator.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

const DAY_MS = 86_400_000;
const MONEY = "shopMoney { amount currencyCode }";
const MANDATE = `mutation($id: ID!, $mandateId: ID!, $key: String!, $amount: MoneyInput, $autoCapture: Boolean, $scheduleId: ID) {
  orderCreateMandatePayment(id: $id, mandateId: $mandateId, idempotencyKey: $key, amount: $amount, autoCapture: $autoCapture, paymentScheduleId: $scheduleId) {
    job { id done } paymentReferenceId userErrors { field message code }
  }
}`;
const ORDER = `query($id: ID!) { order(id: $id) {
  displayFinancialStatus fullyPaid capturable totalOutstandingSet { ${MONEY} } totalReceivedSet { ${MONEY} }
  transactions { id kind status gateway errorCode paymentId amountSet { ${MONEY} } }
  paymentTerms { paymentSchedules(first: 1) { nodes { id completedAt balanceDue { amount } } } }
} }`;

describe("orderCreateMandatePayment", () => {
  it("refuses `amount` on a shop that is not Shopify Plus, as Shopify does", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain);
    const body = await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "plus-only", amount: { amount: "100.00", currencyCode: "USD" } });
    expect(body.data).toEqual({ orderCreateMandatePayment: null });
    expect(body.errors[0]).toMatchObject({
      message:
        "Access denied for orderCreateMandatePayment field. Required access: `write_payment_mandate` access scope. Also: The user must have pay_orders_by_vaulted_card permission. The API client must be installed on a Shopify Plus store to use the amount field.",
      path: ["orderCreateMandatePayment"],
      extensions: { code: "ACCESS_DENIED" },
    });
    expect(t.emulator.store.shop(BASIC.domain).jobs.filter((job) => job.payload.orderId === order.id)).toEqual([]);
  });

  it("charges the whole balance asynchronously: a job that finishes later, then the order is paid", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const { data } = await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "balance-1" });
    const payload = data.orderCreateMandatePayment;
    expect(payload.userErrors).toEqual([]);
    expect(payload.job).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: false });
    const before = await t.admin(ORDER, { id: order.id });
    expect(before.data.order.displayFinancialStatus).toBe("PARTIALLY_PAID");

    await t.waitForJob(payload.job.id);
    const after = (await t.admin(ORDER, { id: order.id })).data.order;
    expect(after).toMatchObject({
      displayFinancialStatus: "PAID",
      fullyPaid: true,
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
      totalReceivedSet: { shopMoney: { amount: "1000.0" } },
    });
    expect(after.transactions.at(-1)).toMatchObject({
      kind: "SALE",
      status: "SUCCESS",
      gateway: "shopify_payments",
      errorCode: null,
      paymentId: payload.paymentReferenceId,
      amountSet: { shopMoney: { amount: "700.0" } },
    });
    expect(after.paymentTerms.paymentSchedules.nodes[0].completedAt).not.toBeNull();
    expect(after.paymentTerms.paymentSchedules.nodes[0].balanceDue.amount).toBe("0.0");
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "orders/paid", "orders/updated"]);
  });

  it("answers the same job and reference for a repeated idempotency key and charges once", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain);
    const first = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "same-key" })).data.orderCreateMandatePayment;
    const second = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "same-key" })).data.orderCreateMandatePayment;
    expect(second.job.id).toBe(first.job.id);
    expect(second.paymentReferenceId).toBe(first.paymentReferenceId);
    await t.waitForJob(first.job.id);
    const third = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "same-key" })).data.orderCreateMandatePayment;
    expect(third).toMatchObject({ job: { id: first.job.id, done: true }, paymentReferenceId: first.paymentReferenceId, userErrors: [] });
    const sales = (await t.admin(ORDER, { id: order.id })).data.order.transactions.filter((tx: any) => tx.status === "SUCCESS");
    expect(sales).toHaveLength(1);
  });

  it("records a declined card as a failed sale, and a later attempt with a new key can succeed", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { mandate: "decline" });
    const declined = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "attempt-1" })).data.orderCreateMandatePayment;
    await t.waitForJob(declined.job.id);
    let view = (await t.admin(ORDER, { id: order.id })).data.order;
    expect(view.transactions.at(-1)).toMatchObject({ kind: "SALE", status: "FAILURE", errorCode: "CARD_DECLINED", paymentId: declined.paymentReferenceId });
    expect(view.displayFinancialStatus).toBe("PENDING");
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create"]);

    mandate!.outcome = "approve";
    const approved = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "attempt-2" })).data.orderCreateMandatePayment;
    expect(approved.job.id).not.toBe(declined.job.id);
    await t.waitForJob(approved.job.id);
    view = (await t.admin(ORDER, { id: order.id })).data.order;
    expect(view.displayFinancialStatus).toBe("PAID");
  });

  it("reports insufficient funds with Shopify's error code", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { mandate: "insufficient_funds" });
    const payload = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "poor" })).data.orderCreateMandatePayment;
    t.emulator.store.clock.advance(1000);
    const job = await t.admin("query($id: ID!) { job(id: $id) { done } }", { id: payload.job.id });
    expect(job.data.job.done).toBe(true);
    const view = (await t.admin(ORDER, { id: order.id })).data.order;
    expect(view.transactions.at(-1)).toMatchObject({ status: "FAILURE", errorCode: "INSUFFICIENT_FUNDS" });
  });

  it("charges a chosen amount on Plus, refusing more than is outstanding", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, PLUS.domain, { deposit: "300.00" });
    const schedule = order.paymentTerms!.schedules[0]!;
    const tooMuch = await t.admin(
      MANDATE,
      { id: order.id, mandateId: mandate!.id, key: "too-much", amount: { amount: "700.01", currencyCode: "EUR" } },
      PLUS.token,
    );
    expect(tooMuch.data.orderCreateMandatePayment).toMatchObject({
      job: null,
      paymentReferenceId: null,
      userErrors: [{ field: ["amount", "amount"], code: "ORDER_MANDATE_PAYMENT_ERROR_CODE" }],
    });
    const part = (
      await t.admin(
        MANDATE,
        { id: order.id, mandateId: mandate!.id, key: "stage-2", amount: { amount: "200.00", currencyCode: "EUR" }, scheduleId: schedule.id },
        PLUS.token,
      )
    ).data.orderCreateMandatePayment;
    expect(part.userErrors).toEqual([]);
    await t.waitForJob(part.job.id, PLUS.token);
    const view = (await t.admin(ORDER, { id: order.id }, PLUS.token)).data.order;
    expect(view).toMatchObject({ displayFinancialStatus: "PARTIALLY_PAID", totalOutstandingSet: { shopMoney: { amount: "500.0", currencyCode: "EUR" } } });
    expect(view.paymentTerms.paymentSchedules.nodes[0]).toMatchObject({ completedAt: null, balanceDue: { amount: "500.0" } });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "orders/updated"]);
  });

  it("authorizes without capturing when autoCapture is false", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain);
    const payload = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "auth", autoCapture: false })).data.orderCreateMandatePayment;
    await t.waitForJob(payload.job.id);
    const view = (await t.admin(ORDER, { id: order.id })).data.order;
    expect(view).toMatchObject({ displayFinancialStatus: "AUTHORIZED", capturable: true, totalReceivedSet: { shopMoney: { amount: "0.0" } } });
    expect(view.transactions.at(-1)).toMatchObject({ kind: "AUTHORIZATION", status: "SUCCESS" });
  });

  it("refuses an unknown mandate and an order with nothing outstanding", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "1000.00" });
    const unknown = await t.admin(MANDATE, { id: order.id, mandateId: "gid://shopify/PaymentMandate/1", key: "x" });
    expect(unknown.data.orderCreateMandatePayment.userErrors).toMatchObject([{ field: ["mandateId"], code: "ORDER_MANDATE_PAYMENT_ERROR_CODE" }]);
    const paid = await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "y" });
    expect(paid.data.orderCreateMandatePayment.userErrors).toMatchObject([{ field: ["id"], code: "ORDER_MANDATE_PAYMENT_ERROR_CODE" }]);
  });
});

describe("a card charge still queued", () => {
  const MANUAL = `mutation($id: ID!, $amount: MoneyInput) { orderCreateManualPayment(id: $id, amount: $amount) { order { id } userErrors { field message code } } }`;
  const received = async (orderId: string, token = BASIC.token) => (await t.admin(ORDER, { id: orderId }, token)).data.order;

  it("keeps a manual payment from overcharging: the queued charge's amount is not payable again", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const charge = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "queued-balance" })).data.orderCreateMandatePayment;
    const manual = (await t.admin(MANUAL, { id: order.id })).data.orderCreateManualPayment;
    expect(manual).toEqual({
      order: null,
      userErrors: [{ field: ["id"], message: "Order is temporarily unavailable", code: "ORDER_IS_TEMPORARILY_UNAVAILABLE" }],
    });
    await t.waitForJob(charge.job.id);
    expect(await received(order.id)).toMatchObject({
      displayFinancialStatus: "PAID",
      totalReceivedSet: { shopMoney: { amount: "1000.0" } },
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
    });
  });

  it("lets a manual payment take only what the queued charge leaves (Plus amounts)", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, PLUS.domain, { deposit: "300.00" });
    const charge = (
      await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "queued-200", amount: { amount: "200.00", currencyCode: "EUR" } }, PLUS.token)
    ).data.orderCreateMandatePayment;
    const above = (await t.admin(MANUAL, { id: order.id, amount: { amount: "500.01", currencyCode: "EUR" } }, PLUS.token)).data.orderCreateManualPayment;
    expect(above.userErrors).toMatchObject([{ field: ["amount", "amount"], code: "AMOUNT_EXCEEDS_BALANCE" }]);
    expect((await t.admin(MANUAL, { id: order.id }, PLUS.token)).data.orderCreateManualPayment.userErrors).toEqual([]);
    await t.waitForJob(charge.job.id, PLUS.token);
    const view = await received(order.id, PLUS.token);
    expect(view).toMatchObject({ displayFinancialStatus: "PAID", totalReceivedSet: { shopMoney: { amount: "1000.0" } } });
    expect(view.transactions.at(-1)).toMatchObject({
      kind: "SALE",
      status: "SUCCESS",
      paymentId: charge.paymentReferenceId,
      amountSet: { shopMoney: { amount: "200.0" } },
    });
  });

  it("does not charge the card when the balance was paid another way before the job ran", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const charge = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "paid-meanwhile" })).data.orderCreateMandatePayment;
    const paid = await fetch(`${t.emulator.url}/_emulator/checkout/order/${order.id.split("/").pop()}/pay`, {
      method: "POST",
      body: JSON.stringify({ card: "approve" }),
    });
    expect(paid.status).toBe(200);
    t.webhooks.length = 0;
    await t.waitForJob(charge.job.id);
    const view = await received(order.id);
    expect(view.totalReceivedSet.shopMoney.amount).toBe("1000.0");
    expect(view.transactions.at(-1)).toMatchObject({
      kind: "SALE",
      status: "FAILURE",
      errorCode: "AMOUNT_TOO_LARGE",
      paymentId: charge.paymentReferenceId,
      amountSet: { shopMoney: { amount: "700.0" } },
    });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create"]);
  });

  it("does not charge the card of an order cancelled before the job ran", async () => {
    const { order, mandate } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const charge = (await t.admin(MANDATE, { id: order.id, mandateId: mandate!.id, key: "cancelled-meanwhile" })).data.orderCreateMandatePayment;
    const cancel = await t.admin(
      "mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: false) { orderCancelUserErrors { message } } }",
      { id: order.id },
    );
    expect(cancel.data.orderCancel.orderCancelUserErrors).toEqual([]);
    await t.waitForJob(charge.job.id);
    const view = await received(order.id);
    expect(view.totalReceivedSet.shopMoney.amount).toBe("300.0");
    expect(view.transactions.at(-1)).toMatchObject({ status: "FAILURE", errorCode: "CANCELLED_PAYMENT", paymentId: charge.paymentReferenceId });
  });
});

describe("orderCreateManualPayment", () => {
  const MANUAL = `mutation($id: ID!, $amount: MoneyInput, $method: String) { orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $method) {
    order { displayFinancialStatus paymentGatewayNames transactions { kind status gateway manualPaymentGateway amountSet { ${MONEY} } } }
    userErrors { field message code }
  } }`;

  it("records the outstanding balance as an offline sale, then refuses a paid order", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "250.00" });
    const { data } = await t.admin(MANUAL, { id: order.id });
    expect(data.orderCreateManualPayment.userErrors).toEqual([]);
    expect(data.orderCreateManualPayment.order.displayFinancialStatus).toBe("PAID");
    expect(data.orderCreateManualPayment.order.transactions.at(-1)).toEqual({
      kind: "SALE",
      status: "SUCCESS",
      gateway: "manual",
      manualPaymentGateway: true,
      amountSet: { shopMoney: { amount: "750.0", currencyCode: "USD" } },
    });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "orders/paid", "orders/updated"]);
    const again = await t.admin(MANUAL, { id: order.id });
    expect(again.data.orderCreateManualPayment.order).toBeNull();
    expect(again.data.orderCreateManualPayment.userErrors).toMatchObject([{ field: ["id"] }]);
  });

  it("refuses `amount` off Plus, an amount above the balance, and a payment method the shop has not set up", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const offPlus = await t.admin(MANUAL, { id: order.id, amount: { amount: "10.00", currencyCode: "USD" } });
    expect(offPlus.data).toEqual({ orderCreateManualPayment: null });
    expect(offPlus.errors[0].extensions.code).toBe("ACCESS_DENIED");
    expect(offPlus.errors[0].message).toContain("The API client must be installed on a Shopify Plus store to use the amount field.");

    const unknownMethod = await t.admin(MANUAL, { id: order.id, method: "Wire to my cousin" });
    expect(unknownMethod.data.orderCreateManualPayment.userErrors).toEqual([
      { field: ["paymentMethodName"], message: "Payment provider is not configured on shop.", code: "GATEWAY_NOT_FOUND" },
    ]);
    const bankDeposit = await t.admin(MANUAL, { id: order.id, method: "Bank Deposit" });
    expect(bankDeposit.data.orderCreateManualPayment.order.paymentGatewayNames).toContain("Bank Deposit");

    const { order: plusOrder } = insertOrder(t.emulator.store, PLUS.domain);
    const above = await t.admin(MANUAL, { id: plusOrder.id, amount: { amount: "1000.01", currencyCode: "EUR" } }, PLUS.token);
    expect(above.data.orderCreateManualPayment.userErrors).toMatchObject([{ field: ["amount", "amount"], code: "AMOUNT_EXCEEDS_BALANCE" }]);
    const wrongCurrency = await t.admin(MANUAL, { id: plusOrder.id, amount: { amount: "10.00", currencyCode: "USD" } }, PLUS.token);
    expect(wrongCurrency.data.orderCreateManualPayment.userErrors).toMatchObject([{ code: "CURRENCY_MISMATCH" }]);
  });
});

describe("invoices and reminders", () => {
  it("emails an order invoice with a link for the outstanding balance", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const { data } = await t.admin(
      'mutation($id: ID!) { orderInvoiceSend(id: $id, email: { to: "payer@example.com", customMessage: "Stage 2 is due" }) { order { id } userErrors { field message code } } }',
      { id: order.id },
    );
    expect(data.orderInvoiceSend).toEqual({ order: { id: order.id }, userErrors: [] });
    const email = t.emulator.store.outbox.find((sent) => sent.resourceId === order.id && sent.kind === "order_invoice");
    expect(email).toMatchObject({ to: "payer@example.com", body: "Stage 2 is due", url: `${t.emulator.url}/checkout/order/${order.id.split("/").pop()}` });

    const { order: anonymous } = insertOrder(t.emulator.store, BASIC.domain, { email: null });
    const noRecipient = await t.admin("mutation($id: ID!) { orderInvoiceSend(id: $id) { order { id } userErrors { field message code } } }", {
      id: anonymous.id,
    });
    expect(noRecipient.data.orderInvoiceSend).toEqual({
      order: null,
      userErrors: [{ field: null, message: "No recipient email address was provided", code: "ORDER_INVOICE_SEND_UNSUCCESSFUL" }],
    });
  });

  it("sends a payment reminder once a day at most, and not for a completed schedule", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const scheduleId = order.paymentTerms!.schedules[0]!.id;
    const remind = (id = scheduleId) =>
      t.admin("mutation($id: ID!) { paymentReminderSend(paymentScheduleId: $id) { success userErrors { field message code } } }", { id });
    expect((await remind()).data.paymentReminderSend).toEqual({ success: true, userErrors: [] });
    expect(t.emulator.store.outbox.filter((sent) => sent.kind === "payment_reminder" && sent.resourceId === order.id)).toHaveLength(1);
    expect((await remind()).data.paymentReminderSend.userErrors[0].message).toBe(
      "You cannot send more than 1 payment reminders for the same order in a 24hour period",
    );
    expect((await remind("gid://shopify/PaymentSchedule/1")).data.paymentReminderSend).toEqual({
      success: null,
      userErrors: [{ field: null, message: "Payment schedule does not exist", code: "PAYMENT_REMINDER_SEND_UNSUCCESSFUL" }],
    });
    await t.admin("mutation($id: ID!) { orderCreateManualPayment(id: $id) { userErrors { message } } }", { id: order.id });
    expect((await remind()).data.paymentReminderSend.userErrors[0].message).toBe("Payment schedule is already completed");
  });
});

describe("payment terms on orders", () => {
  const TERMS = "paymentTerms { id paymentTermsName paymentTermsType dueInDays due overdue paymentSchedules(first: 2) { nodes { id issuedAt dueAt } } }";
  const CREATE = `mutation($ref: ID!, $attrs: PaymentTermsCreateInput!) { paymentTermsCreate(referenceId: $ref, paymentTermsAttributes: $attrs) { ${TERMS} userErrors { field message code } } }`;

  it("creates, updates and deletes terms, with Shopify's schedule rules", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { paymentTerms: false });
    const created = (
      await t.admin(CREATE, {
        ref: order.id,
        attrs: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/2", paymentSchedules: [{ issuedAt: "2030-01-01T00:00:00Z" }] },
      })
    ).data.paymentTermsCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.paymentTerms).toMatchObject({
      paymentTermsName: "Net 7",
      paymentTermsType: "NET",
      dueInDays: 7,
      due: false,
      paymentSchedules: { nodes: [{ issuedAt: "2030-01-01T00:00:00Z", dueAt: "2030-01-08T00:00:00Z" }] },
    });

    const updated = (
      await t.admin(`mutation($input: PaymentTermsUpdateInput!) { paymentTermsUpdate(input: $input) { ${TERMS} userErrors { message } } }`, {
        input: {
          paymentTermsId: created.paymentTerms.id,
          paymentTermsAttributes: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: "2020-03-01T00:00:00Z" }] },
        },
      })
    ).data.paymentTermsUpdate;
    expect(updated.paymentTerms).toMatchObject({
      id: created.paymentTerms.id,
      paymentTermsName: "Fixed",
      paymentTermsType: "FIXED",
      dueInDays: null,
      due: true,
      overdue: true,
    });
    expect(updated.paymentTerms.paymentSchedules.nodes[0]).toMatchObject({ issuedAt: null, dueAt: "2020-03-01T00:00:00Z" });
    expect(updated.paymentTerms.paymentSchedules.nodes[0].id).not.toBe(created.paymentTerms.paymentSchedules.nodes[0].id);

    const deleted = await t.admin("mutation($id: ID!) { paymentTermsDelete(input: { paymentTermsId: $id }) { deletedId userErrors { message code } } }", {
      id: created.paymentTerms.id,
    });
    expect(deleted.data.paymentTermsDelete).toEqual({ deletedId: created.paymentTerms.id, userErrors: [] });
    const read = await t.admin("query($id: ID!) { order(id: $id) { paymentTerms { id } } }", { id: order.id });
    expect(read.data.order.paymentTerms).toBeNull();
    expect(t.webhooks.map((webhook) => webhook.topic).filter((topic) => topic.startsWith("payment_terms/"))).toEqual([
      "payment_terms/create",
      "payment_terms/update",
      "payment_terms/delete",
    ]);
    const again = await t.admin("mutation($id: ID!) { paymentTermsDelete(input: { paymentTermsId: $id }) { deletedId userErrors { field message code } } }", {
      id: created.paymentTerms.id,
    });
    expect(again.data.paymentTermsDelete).toEqual({
      deletedId: null,
      userErrors: [{ field: null, message: "Could not find payment terms.", code: "PAYMENT_TERMS_DELETE_UNSUCCESSFUL" }],
    });
  });

  it("refuses what Shopify refuses", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { paymentTerms: false });
    const attempt = async (attrs: Record<string, unknown>, ref = order.id) => (await t.admin(CREATE, { ref, attrs })).data.paymentTermsCreate.userErrors;
    const error = (message: string) => [{ field: null, message, code: "PAYMENT_TERMS_CREATION_UNSUCCESSFUL" }];
    expect(
      await attempt({
        paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4",
        paymentSchedules: [{ issuedAt: "2030-01-01T00:00:00Z" }, { issuedAt: "2030-02-01T00:00:00Z" }],
      }),
    ).toEqual(error("Cannot create payment terms with multiple payment schedules."));
    expect(await attempt({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/9999" })).toEqual(error("Could not find payment terms template."));
    expect(await attempt({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{}] })).toEqual(
      error("A due date is required with fixed or net payment terms."),
    );
    expect(await attempt({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/1", paymentSchedules: [{ dueAt: "2030-01-01T00:00:00Z" }] })).toEqual(
      error("A due date cannot be set with event payment terms."),
    );
    expect(await attempt({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4" }, "gid://shopify/Order/424242")).toEqual(
      error("Cannot find the specific Order with id 424242."),
    );
    const { order: paid } = insertOrder(t.emulator.store, BASIC.domain, { paymentTerms: false, deposit: "1000.00" });
    expect(await attempt({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/9" }, paid.id)).toEqual(
      error("Cannot create payment terms on an Order that has already been paid in full."),
    );
  });
});

describe("due and overdue", () => {
  it("is due once the due date has come and overdue only once its day has ended in the shop's time zone", async () => {
    // Its own emulator, since the clock is moved to fixed instants (the Basic shop is on New York time).
    const own = await startOrderTestEmulator();
    try {
      const dueAt = "2099-06-15T16:00:00Z";
      const create = async (orderId: string) =>
        (
          await own.admin(
            `mutation($ref: ID!, $attrs: PaymentTermsCreateInput!) { paymentTermsCreate(referenceId: $ref, paymentTermsAttributes: $attrs) { paymentTerms { due overdue paymentSchedules(first: 1) { nodes { due } } } userErrors { message } } }`,
            {
              ref: orderId,
              attrs: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt }] },
            },
          )
        ).data.paymentTermsCreate.paymentTerms;
      const read = async (orderId: string) =>
        (await own.admin("query($id: ID!) { order(id: $id) { paymentTerms { due overdue } } }", { id: orderId })).data.order.paymentTerms;
      const { order } = insertOrder(own.emulator.store, BASIC.domain, { paymentTerms: false });
      expect(await create(order.id)).toEqual({ due: false, overdue: false, paymentSchedules: { nodes: [{ due: false }] } });

      own.emulator.store.clock.advanceTo(new Date("2099-06-15T16:00:01Z"));
      expect(await read(order.id)).toEqual({ due: true, overdue: false });
      // 22:00 in New York on the due date (already the next day in UTC): due, not yet overdue.
      own.emulator.store.clock.advanceTo(new Date("2099-06-16T02:00:00Z"));
      const { order: late } = insertOrder(own.emulator.store, BASIC.domain, { paymentTerms: false });
      expect(await create(late.id)).toEqual({ due: true, overdue: false, paymentSchedules: { nodes: [{ due: true }] } });
      // Midnight in New York: the due date has passed unpaid.
      own.emulator.store.clock.advanceTo(new Date("2099-06-16T04:00:00Z"));
      expect(await read(order.id)).toEqual({ due: true, overdue: true });
      await own.admin("mutation($id: ID!) { orderCreateManualPayment(id: $id) { userErrors { message } } }", { id: order.id });
      expect(await read(order.id)).toEqual({ due: false, overdue: false });
    } finally {
      await own.emulator.close();
    }
  });
});

describe("due work", () => {
  it("emits payment_schedules/due once, when the clock passes the due date", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const { order: settled } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "1000.00" });
    settled.paymentTerms!.schedules[0]!.completedAt = settled.createdAt;
    const dueTopics = () => t.webhooks.filter((webhook) => webhook.topic === "payment_schedules/due");
    t.emulator.store.clock.advance(29 * DAY_MS);
    expect(dueTopics()).toEqual([]);
    t.emulator.store.clock.advance(1 * DAY_MS + 1000);
    const mine = dueTopics().filter((webhook) => "orderId" in webhook.subject && webhook.subject.orderId === order.id);
    expect(mine).toEqual([
      {
        shop: BASIC.domain,
        topic: "payment_schedules/due",
        subject: { type: "paymentSchedule", orderId: order.id, paymentScheduleId: order.paymentTerms!.schedules[0]!.id },
      },
    ]);
    expect(dueTopics().some((webhook) => "orderId" in webhook.subject && webhook.subject.orderId === settled.id)).toBe(false);
    t.emulator.store.clock.advance(DAY_MS);
    expect(dueTopics().filter((webhook) => "orderId" in webhook.subject && webhook.subject.orderId === order.id)).toHaveLength(1);
    const read = await t.admin("query($id: ID!) { order(id: $id) { paymentTerms { due overdue paymentSchedules(first: 1) { nodes { due } } } } }", {
      id: order.id,
    });
    expect(read.data.order.paymentTerms).toEqual({ due: true, overdue: true, paymentSchedules: { nodes: [{ due: true }] } });
  });
});
