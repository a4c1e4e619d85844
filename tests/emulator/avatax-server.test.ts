import { afterAll, describe, expect, it } from "vitest";

import { startAvaTaxServer } from "../../emulator/avatax/avatax-server";

const server = await startAvaTaxServer({ accountId: "2000", licenseKey: "KEY" });
afterAll(() => server.close());

const auth = `Basic ${Buffer.from("2000:KEY").toString("base64")}`;

async function call(method: string, path: string, body?: unknown, authorization = auth) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const invoice = (code: string, overrides: Record<string, unknown> = {}) => ({
  type: "SalesInvoice",
  code,
  companyCode: "ACME",
  date: "2027-01-15",
  customerCode: "C1",
  currencyCode: "USD",
  commit: true,
  addresses: { singleLocation: { region: "WA", country: "US" } },
  lines: [
    { number: "1", amount: 100 },
    { number: "2", amount: 200 },
  ],
  ...overrides,
});

describe("local AvaTax server", () => {
  it("answers 401 with Avalara's error shape without the account id and license key", async () => {
    const { status, body } = await call("POST", "/api/v2/transactions/create", invoice("x"), "Basic bm9wZQ==");
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: "AuthenticationException", details: [{ code: "AuthenticationException", number: 34, faultCode: "Client" }] });
  });

  it("computes tax per line by the ship-to region's rate, and takes a TaxAmount override spread over the lines", async () => {
    expect((await call("POST", "/api/v2/transactions/create", invoice("calc"))).body).toMatchObject({
      status: "Committed",
      totalTax: 30.3,
      lines: [{ tax: 10.1 }, { tax: 20.2 }],
    });
    const overridden = await call("POST", "/api/v2/transactions/create", invoice("override", { taxOverride: { type: 1, taxAmount: 10.01 } }));
    expect(overridden.body).toMatchObject({ totalTax: 10.01, totalTaxCalculated: 30.3, lines: [{ tax: 3.34 }, { tax: 6.67 }] });
  });

  it("taxes goods shipped at their destination's rate, not the origin's", async () => {
    const shipped = (code: string, region: string) =>
      invoice(code, { addresses: { shipFrom: { region: "WA", country: "US" }, shipTo: { region, postalCode: "10118", country: "US" } } });
    const toNewYork = await call("POST", "/api/v2/transactions/create", shipped("to-ny", "NY"));
    expect(toNewYork.body).toMatchObject({ totalTax: 26.63, summary: [{ region: "NY", rate: 0.08875 }] });
    const toCalifornia = await call("POST", "/api/v2/transactions/create", shipped("to-ca", "CA"));
    expect(toCalifornia.body).toMatchObject({ totalTax: 21.75, summary: [{ region: "CA", rate: 0.0725 }] });
    expect((await call("POST", "/api/v2/transactions/create", invoice("at-origin"))).body.summary).toEqual([{ region: "WA", rate: 0.101, tax: 30.3 }]);
  });

  it("adjusts a committed document under its code, asking for a description when the reason is Other", async () => {
    await call("POST", "/api/v2/transactions/create", invoice("adjust-me"));
    const path = "/api/v2/companies/ACME/transactions/adjust-me/adjust?documentType=SalesInvoice";
    const newTransaction = invoice("ignored", { lines: [{ number: "1", amount: 50 }] });
    expect((await call("POST", path, { adjustmentReason: 8, newTransaction })).body.error).toMatchObject({
      code: "ValueRequiredError",
      message: expect.stringContaining("adjustmentDescription"),
    });
    expect((await call("POST", path, { newTransaction })).body.error.code).toBe("ValueRequiredError");
    expect(server.documents().find((document) => document.code === "adjust-me")).toMatchObject({ totalAmount: "300.00", adjustments: 0 });

    const adjusted = await call("POST", path, { adjustmentReason: 8, adjustmentDescription: "Cancelled in part", newTransaction });
    expect(adjusted.body).toMatchObject({ code: "adjust-me", status: "Committed", totalAmount: 50, totalTax: 5.05, version: 2 });
  });

  it("refuses a second committed document with the same code, and replaces an uncommitted one", async () => {
    await call("POST", "/api/v2/transactions/create", invoice("dup"));
    expect((await call("POST", "/api/v2/transactions/create", invoice("dup"))).body.error.code).toBe("DocumentCodeConflict");
    await call("POST", "/api/v2/transactions/create", invoice("draft", { commit: false }));
    expect((await call("POST", "/api/v2/transactions/create", invoice("draft", { commit: true }))).body.status).toBe("Committed");
    expect(server.documents().filter((document) => document.code === "draft")).toHaveLength(1);
  });

  it("reads, voids and refunds by code", async () => {
    await call("POST", "/api/v2/transactions/create", invoice("life"));
    expect((await call("GET", "/api/v2/companies/ACME/transactions/life?documentType=SalesInvoice")).body.code).toBe("life");
    expect((await call("GET", "/api/v2/companies/ACME/transactions/none")).status).toBe(404);
    const refund = await call("POST", "/api/v2/companies/ACME/transactions/life/refund", {
      refundTransactionCode: "life-r",
      refundDate: "2027-02-01",
      refundType: "Percentage",
      refundPercentage: 50,
    });
    expect(refund.body).toMatchObject({ type: "ReturnInvoice", status: "Committed", totalAmount: -150, totalTax: -15.15, referenceCode: "life" });
    expect((await call("POST", "/api/v2/companies/ACME/transactions/life/void?documentType=SalesInvoice", { code: "DocVoided" })).body.status).toBe(
      "Cancelled",
    );
    expect((await call("POST", "/api/v2/companies/ACME/transactions/life/void?documentType=SalesInvoice", { code: 0 })).body.error.code).toBe(
      "ValueRequiredError",
    );
  });

  it("fails the next calls with a 500 when asked, as an outage would", async () => {
    server.failNext(1);
    const failed = await call("GET", "/api/v2/companies/ACME/transactions/calc");
    expect([failed.status, failed.body.error.code]).toEqual([500, "ServerConfiguration"]);
    expect((await call("GET", "/api/v2/companies/ACME/transactions/calc")).status).toBe(200);
  });
});
