import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

import { listAudit } from "../../../app/models/audit-log.server";
import { enabledAvaTaxConnection } from "../../../app/models/avatax-settings.server";
import { action, loader } from "../../../app/routes/app.settings";
import type { StaffContext } from "../../../app/staff-context.server";
import { startAvaTaxServer } from "../../../emulator/avatax/avatax-server";
import { testBuyerMail, recordingMailTransport } from "../../support/buyer-mail";
import { createTestDatabase } from "../test-database";

const LICENSE_KEY = "SECRETLICENSE0001";
const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
const avatax = await startAvaTaxServer({ accountId: "123456", licenseKey: LICENSE_KEY });
afterAll(async () => {
  await avatax.close();
  await database.cleanup();
});

const shop = "avatax-settings.myshopify.com";
/** Whether the staff request is local mode's (the demo's) or Shopify's. */
const staff = vi.hoisted(() => ({ localMode: true }));

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop,
    actor: "staff:11",
    deps: {
      db: database.prisma,
      jobs,
      adminFor: async () => ({ request: async () => ({ shop: { plan: { shopifyPlus: false }, currencyCode: "USD" } }) }) as never,
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(recordingMailTransport()),
    },
    localMode: staff.localMode,
    cors: (response) => response,
  }),
}));

const SETTINGS_URL = "https://app.test/app/settings";

function post(values: Record<string, string>) {
  return { request: new Request(SETTINGS_URL, { method: "POST", body: new URLSearchParams(values) }), params: {}, context: {} };
}

const form = (overrides: Record<string, string> = {}) => ({
  intent: "avatax",
  enabled: "on",
  environment: avatax.url,
  accountId: "123456",
  licenseKey: LICENSE_KEY,
  companyCode: "DEFAULT",
  taxMode: "override",
  commitOnInvoice: "on",
  originCountry: "us",
  originRegion: "WA",
  originPostalCode: "98101",
  originCity: "Seattle",
  originLine1: "",
  ...overrides,
});

async function answer(response: Response | Promise<Response>) {
  const resolved = await response;
  return { status: resolved.status, body: (await resolved.json()) as { ok: boolean; form: string; message: string; fieldErrors: Record<string, string> } };
}

describe("Settings → AvaTax", () => {
  afterEach(() => {
    staff.localMode = true;
  });

  it("refuses bad fields by name, and turning AvaTax on without a license key", async () => {
    const refused = await answer(action(post(form({ accountId: "acme", originCountry: "USA", companyCode: " " }))) as Promise<Response>);
    expect(refused.status).toBe(422);
    expect(refused.body.form).toBe("avatax");
    expect(Object.keys(refused.body.fieldErrors).sort()).toEqual(["accountId", "companyCode", "originCountry"]);
    const noKey = await answer(action(post(form({ licenseKey: "" }))) as Promise<Response>);
    expect(noKey.body.fieldErrors.licenseKey).toContain("Enter the AvaTax license key");
  });

  it("saves the settings with the key sealed, never shows it again, and keeps it when the field is left blank", async () => {
    expect((await answer(action(post(form())) as Promise<Response>)).body).toMatchObject({ ok: true, form: "avatax" });
    const stored = await database.prisma.avaTaxSettings.findUniqueOrThrow({ where: { shop } });
    expect(stored.licenseKeySealed).not.toContain(LICENSE_KEY);
    expect(stored.originCountry).toBe("US");

    const page = await (loader({ request: new Request(SETTINGS_URL), params: {}, context: {} }) as Promise<Response>).then((response) => response.text());
    expect(page).not.toContain(LICENSE_KEY);
    expect(JSON.parse(page).avatax).toMatchObject({ enabled: true, licenseKeySet: true, accountId: "123456" });

    await answer(action(post(form({ licenseKey: "", taxMode: "compute" }))) as Promise<Response>);
    expect(await enabledAvaTaxConnection(database.prisma, shop)).toMatchObject({ licenseKey: LICENSE_KEY, taxMode: "compute" });
    expect(JSON.stringify(await listAudit(database.prisma, shop))).not.toContain(LICENSE_KEY);
  });

  it("tests the connection with the typed or the stored key", async () => {
    const good = await answer(action(post(form({ intent: "avataxPing", licenseKey: "" }))) as Promise<Response>);
    expect(good.body).toMatchObject({ ok: true, message: expect.stringContaining("Connected to AvaTax") });
    const bad = await answer(action(post(form({ intent: "avataxPing", licenseKey: "WRONG-KEY-123" }))) as Promise<Response>);
    expect(bad.body).toMatchObject({ ok: false, message: expect.stringContaining("did not accept the account ID and license key") });
    expect(bad.body.message).not.toContain("WRONG-KEY-123");
  });

  it("sends the credentials only to Avalara's sandbox or production outside local mode, and to a local server only in local mode", async () => {
    staff.localMode = false;
    for (const intent of ["avatax", "avataxPing"]) {
      const refused = await answer(action(post(form({ intent }))) as Promise<Response>);
      expect(refused.status).toBe(422);
      expect(refused.body.fieldErrors).toEqual({ environment: expect.stringContaining("must be sandbox or production") });
    }
    const page = await (loader({ request: new Request(SETTINGS_URL), params: {}, context: {} }) as Promise<Response>).then((response) => response.json());
    expect(page.avataxCustomServer).toBe(false);

    // By name, in any case: stored as the SDK names them.
    expect((await answer(action(post(form({ environment: " Sandbox ", enabled: "" }))) as Promise<Response>)).body.ok).toBe(true);
    expect((await database.prisma.avaTaxSettings.findUniqueOrThrow({ where: { shop } })).environment).toBe("sandbox");

    staff.localMode = true;
    const elsewhere = await answer(action(post(form({ environment: "https://avatax.attacker.example" }))) as Promise<Response>);
    expect(elsewhere.body.fieldErrors.environment).toContain("not avatax.attacker.example");
    expect((await answer(action(post(form())) as Promise<Response>)).body.ok).toBe(true);
  });
});
