import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../emulator/fixtures/demo-fixture";

const SHOP_QUERY = "{ shop { name myshopifyDomain currencyCode plan { shopifyPlus } } }";

async function shopQuery(adminUrl: string, token: string) {
  const response = await fetch(adminUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query: SHOP_QUERY }),
  });
  return ((await response.json()) as any).data.shop;
}

describe("starting the emulator with the demo shops", () => {
  it("answers a first shop query for the Basic and the Plus shop", async () => {
    const started = performance.now();
    const emulator = await startEmulator({ shops: readShopsFixture(DEMO_FIXTURE_FILE) });
    const listening = performance.now();
    const basic = await shopQuery(emulator.adminUrl(), "shpat_demo_basic");
    // Reported, not asserted. The first answer includes building the Admin schema, which happens once per process.
    console.info(`emulator listening after ${Math.round(listening - started)} ms; first shop answer after ${Math.round(performance.now() - started)} ms`);
    const plus = await shopQuery(emulator.adminUrl(), "shpat_demo_plus");
    await emulator.close();
    expect(basic).toEqual({
      name: "Northwind Furniture Works",
      myshopifyDomain: "northwind-furniture.myshopify.com",
      currencyCode: "USD",
      plan: { shopifyPlus: false },
    });
    expect(plus).toEqual({
      name: "Kessler Industrietechnik",
      myshopifyDomain: "kessler-industrie.myshopify.com",
      currencyCode: "EUR",
      plan: { shopifyPlus: true },
    });
  });

  it("seeds the demo with products, customers, a B2B company and US and DE tax rates", () => {
    const [basic, plus] = readShopsFixture(DEMO_FIXTURE_FILE);
    expect(basic!.plan).toBe("basic");
    expect(plus!.plan).toBe("plus");
    expect(basic!.taxRates).toContainEqual(expect.objectContaining({ countryCode: "US", provinceCode: "TX" }));
    expect(plus!.taxRates).toContainEqual({ countryCode: "DE", title: "MwSt", rate: "0.19" });
    expect(plus!.companies![0]!.locations).toHaveLength(1);
    for (const shop of [basic!, plus!]) {
      expect(shop.products!.length).toBeGreaterThan(2);
      expect(shop.customers!.length).toBeGreaterThan(1);
    }
  });
});

describe("npm run emulator (emulator/main.ts)", () => {
  it("starts on the given port, prints the URL and tokens, answers, and saves its snapshot on SIGTERM", async () => {
    const snapshot = join(mkdtempSync(join(tmpdir(), "tranche-emulator-")), "state.json");
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "emulator/main.ts", "--port", "0", "--smtp-port", "0", "--snapshot", snapshot], {
      cwd: new URL("../..", import.meta.url),
      env: { ...process.env, SHOPIFY_API_SECRET: "from-the-environment" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const banner = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("State is saved")) resolve(output);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
    });
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain("shpat_demo_basic");
    expect(banner).toContain("shpat_demo_plus");
    expect(banner).toContain("app/uninstalled → /webhooks/app/uninstalled");
    expect(banner).toContain("signed with SHOPIFY_API_SECRET");
    expect(banner).toMatch(/SMTP_URL=smtp:\/\/127\.0\.0\.1:\d+/);
    expect((await shopQuery(`${url}/admin/api/2026-10/graphql.json`, "shpat_demo_plus")).name).toBe("Kessler Industrietechnik");

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(snapshot)).toBe(true);
    expect(JSON.parse(readFileSync(snapshot, "utf8")).shops).toHaveLength(2);
  }, 30_000);
});
