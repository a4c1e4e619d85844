import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/plan.ts", ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const order = ["--total", "1200.00", "--currency", "EUR", "--due", "2027-01-31", "--order-date", "2027-01-15"];

describe("npm run plan", () => {
  it("prints the schedule as JSON through the npm script", () => {
    const result = spawnSync("npm", ["run", "--silent", "plan", "--", "--config", '{"period":"1m(2)"}', ...order], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      currency: "EUR",
      total: "1200.00",
      installments: [
        { position: 1, title: "Installment 1 of 2", amount: "600.00", dueDate: "2027-01-31", tax: [] },
        { position: 2, title: "Installment 2 of 2", amount: "600.00", dueDate: "2027-02-28", tax: [] },
      ],
    });
  });

  it("splits tax lines, names dates, converts time zones and formats JPY without decimals", () => {
    const result = plan(
      "--config",
      '{"period":"fix,1m(2)","dateReference":"Delivery","rate":"50","titles":"[PosNo]/[PosCount] [InstallmentRate]"}',
      "--total",
      "10001",
      "--currency",
      "JPY",
      "--due",
      "2027-02-01",
      "--order-date",
      "2027-01-31T23:30:00Z",
      "--tz",
      "Asia/Tokyo",
      "--date",
      "Delivery=2027-03-15",
      "--tax",
      '[{"title":"Consumption tax 10%","amount":"909"}]',
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).installments).toEqual([
      { position: 1, title: "1/3 50%", amount: "5001", rate: "50", dueDate: "2027-03-15", tax: [{ title: "Consumption tax 10%", amount: "455" }] },
      { position: 2, title: "2/3 25%", amount: "2500", dueDate: "2027-02-01", tax: [{ title: "Consumption tax 10%", amount: "227" }] },
      { position: 3, title: "3/3 25%", amount: "2500", dueDate: "2027-03-01", tax: [{ title: "Consumption tax 10%", amount: "227" }] },
    ]);
  });

  it("shows what a triggered stage waits for, and dates it once the event is given", () => {
    const waiting = JSON.parse(plan("--config", '{"preset":"deposit-30-50-20-net30"}', ...order).stdout);
    expect(waiting.installments[2]).toMatchObject({ dueDate: null, trigger: { event: "orderFulfilled", after: ["30d"] } });
    const dated = JSON.parse(
      plan("--config", '{"preset":"deposit-30-50-20-net30"}', ...order, "--event", "milestone:Ready to ship=2027-02-10", "--event", "orderFulfilled=2027-03-01")
        .stdout,
    );
    expect(dated.installments.map((i: { dueDate: string }) => i.dueDate)).toEqual(["2027-01-15", "2027-02-10", "2027-03-31"]);
  });

  it.each([
    [["--config", '{"period":"1m(4)","rate":"20","amount":"10"}', ...order], "error: rate: rate and amount cannot be used together"],
    [["--config", '{"period":"1m(4)","rate":"20,x"}', ...order], 'error: rate (column 4): "x" is not a percentage'],
    [["--config", "{period", ...order], "error: config: not valid JSON"],
    [
      ["--config", '{"period":"1m"}', "--total", "12.345", "--currency", "EUR", "--due", "2027-01-31"],
      "error: total: 12.345 has more decimal places than EUR allows (2)",
    ],
    [["--config", '{"period":"1m"}', "--total", "12", "--currency", "EURO", "--due", "2027-01-31"], 'error: currency: "EURO" is not an ISO 4217 currency code'],
    [["--config", '{"period":"1m"}', "--total", "12", "--currency", "EUR"], "error: due: --due is required"],
    [["--config", '{"period":"1m"}', ...order, "--tz", "Mars/Base"], 'error: tz: "Mars/Base" is not an IANA time zone'],
    [
      ["--config", '{"period":"1m"}', ...order, "--tax", '[{"title":"VAT","amount":"2000"}]'],
      "error: tax: the tax lines add up to 2000.00, more than the total 1200.00",
    ],
    [["--config", '{"period":"1m"}', ...order, "--bogus"], "error: Unknown option '--bogus'"],
    [["--config", '{"period":"1m"}', "--total", "-5.00", "--currency", "EUR", "--due", "2027-01-31"], "error: total: the order total must be above zero"],
    [["--config", '{"period":"1m"}', "--total", "--currency", "EUR", "--due", "2027-01-31"], "error: Option '--total' argument is ambiguous"],
    [
      ["--config", '{"period":"1m"}', "--total", "1000000000000000", "--currency", "EUR", "--due", "2027-01-31"],
      "error: total: 1000000000000000 is too large: an amount must be below 10^15",
    ],
    [["--config", '{"period":"1m(2)","dateReference":"Start"}', ...order], 'error: dateReference (column 1): the order has no date "Start"'],
  ])("%j fails with one error line and exit 2", (args, message) => {
    const result = plan(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
