import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import { listAudit } from "../../../app/models/audit-log.server";
import { getEmailTemplateText } from "../../../app/models/email-template-texts.server";
import { getShopBranding, MAX_LOGO_BYTES } from "../../../app/models/shop-branding.server";
import { shopLocaleChoice } from "../../../app/models/shop-profile.server";
import { getShopSettings } from "../../../app/models/shop-settings.server";
import { action as previewAction } from "../../../app/routes/app.settings.emails.preview";
import { action, loader } from "../../../app/routes/app.settings";
import type { MailTransport } from "../../../app/services/buyer-email/mail-transport.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { recordingMailTransport, testBuyerMail } from "../../support/buyer-mail";
import { PIXEL_PNG } from "../../support/buyer-document-fixtures";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());

let shop = "";
/** Each test's own shop, so that one test's settings and contracts never show in another's. */
const useShop = (name: string) => (shop = `${name}.myshopify.com`);
const recorded = recordingMailTransport();
/** The mail server's refusal for the next send, if it is to refuse. */
let smtpRefusal: Error | null = null;
const transport: MailTransport = {
  fromAddress: recorded.fromAddress,
  send: (message) => (smtpRefusal ? Promise.reject(smtpRefusal) : recorded.send(message)),
};

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop,
    actor: "staff:11",
    deps: {
      db: database.prisma,
      jobs,
      adminFor: async () => ({ request: async () => ({ shop: { plan: { shopifyPlus: false } } }) }) as never,
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(transport),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

beforeEach(() => {
  recorded.sent.length = 0;
  smtpRefusal = null;
});

const SETTINGS_URL = "https://app.test/app/settings";
const PREVIEW_URL = "https://app.test/app/settings/emails/preview";

const routeArgs = (url: string, init?: RequestInit) => ({ request: new Request(url, init), params: {}, context: {} });
const post = (url: string, body: URLSearchParams | FormData) => routeArgs(url, { method: "POST", body });
const fields = (values: Record<string, string>) => new URLSearchParams(values);

interface SettingsAnswer {
  ok: boolean;
  form: string;
  message: string;
  fieldErrors: Record<string, string>;
}

interface PreviewAnswer {
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
  subject: string | null;
  html: string | null;
  sentTo: string | null;
}

async function answer<T>(response: Response | Promise<Response>): Promise<{ status: number; body: T }> {
  const resolved = await response;
  return { status: resolved.status, body: (await resolved.json()) as T };
}

const BRANDING_FIELDS = {
  intent: "branding",
  sellerName: "Oak & Iron Furniture",
  sellerEmail: "hello@oak-and-iron.test",
  sellerAddress: "12 Mill Lane\nAustin, TX 78701",
  primaryColor: "#1f4e3d",
  accentColor: "#c9a227",
  footer: "Thank you for your order",
};

function brandingForm(values: Record<string, string>, logo?: { bytes: Uint8Array; name: string; type: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.append(name, value);
  form.append("logo", logo ? new File([Buffer.from(logo.bytes)], logo.name, { type: logo.type }) : new File([], "", { type: "application/octet-stream" }));
  return form;
}

const GENERAL_FIELDS = { intent: "settings", collectionMode: "auto", remindBeforeDays: "3", defaultPlanId: "", requireAcceptance: "on" };

describe("the settings page", () => {
  it("saves who emails the stage links and a reminder on the due date itself (0 days after); refuses 0 days before beside its field", async () => {
    useShop("settings-general");
    const saved = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields({ ...GENERAL_FIELDS, remindAfterDays: "0, 7", linkEmailsBy: "tranche" }))));
    expect(saved).toEqual({ status: 200, body: expect.objectContaining({ ok: true, form: "settings" }) });
    expect(await getShopSettings(database.prisma, shop)).toMatchObject({ linkEmailsBy: "tranche", remindAfterDays: [0, 7], remindBeforeDays: [3] });

    const refused = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, fields({ ...GENERAL_FIELDS, remindBeforeDays: "0", remindAfterDays: "1", linkEmailsBy: "shopify" }))),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ remindBeforeDays: expect.stringContaining("at least 1") });
    expect((await getShopSettings(database.prisma, shop)).linkEmailsBy).toBe("tranche");

    const data = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { settings: { linkEmailsBy: string } };
    expect(data.settings.linkEmailsBy).toBe("tranche");
  });

  it("names the word that is not a number of days, and saves the admin's number and date format", async () => {
    useShop("settings-formats");
    const GENERAL = { ...GENERAL_FIELDS, linkEmailsBy: "tranche" };
    const refused = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields({ ...GENERAL, remindBeforeDays: "3, soon", adminLocale: "de-DE" }))));
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ remindBeforeDays: "“soon” is not a number of days: type whole numbers, like 3, 7" });
    expect(await shopLocaleChoice(database.prisma, shop)).toMatchObject({ chosen: null });

    const unknown = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields({ ...GENERAL, adminLocale: "xx-YY" }))));
    expect(unknown.body.fieldErrors).toEqual({ adminLocale: "choose a format from the list" });

    const saved = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields({ ...GENERAL, adminLocale: "de-DE" }))));
    expect(saved.body).toMatchObject({ ok: true });
    expect(await shopLocaleChoice(database.prisma, shop)).toMatchObject({ chosen: "de-DE" });
    const data = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { localeChoice: { chosen: string | null } };
    expect(data.localeChoice.chosen).toBe("de-DE");

    await answer(action(post(SETTINGS_URL, fields({ ...GENERAL, adminLocale: "" }))));
    expect(await shopLocaleChoice(database.prisma, shop)).toMatchObject({ chosen: null });
  });

  it("saves the working days on their own form, keeps them when the general settings are saved, and refuses each bad field by name", async () => {
    useShop("settings-working-days");
    const WORKING_DAYS = { intent: "workingDays", closedWeekdays: "7,6", holidays: "2027-12-25\r\n2027-12-26, 2027-12-25", moveDueDates: "nextWorkingDay" };
    const saved = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields(WORKING_DAYS))));
    expect(saved).toEqual({ status: 200, body: expect.objectContaining({ ok: true, form: "workingDays" }) });
    const stored = { closedWeekdays: [6, 7], holidays: ["2027-12-25", "2027-12-26"], moveDueDates: "nextWorkingDay" };
    expect((await getShopSettings(database.prisma, shop)).workingDays).toEqual(stored);

    expect((await action(post(SETTINGS_URL, fields({ ...GENERAL_FIELDS, linkEmailsBy: "shopify" })))).status).toBe(200);
    expect(await getShopSettings(database.prisma, shop)).toMatchObject({ linkEmailsBy: "shopify", workingDays: stored });
    const page = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { settings: { workingDays: unknown } };
    expect(page.settings.workingDays).toEqual(stored);

    for (const [changes, fieldErrors] of [
      [{ holidays: "2027-12-25, 2027-02-30" }, { holidays: "“2027-02-30” is not a real date in the form YYYY-MM-DD, like 2027-12-25" }],
      [{ holidays: "Christmas" }, { holidays: "“Christmas” is not a real date in the form YYYY-MM-DD, like 2027-12-25" }],
      [{ closedWeekdays: "6,8" }, { closedWeekdays: "a weekday is 1 (Monday) to 7 (Sunday)" }],
      [{ closedWeekdays: "sat" }, { closedWeekdays: "“sat” is not a weekday: 1 (Monday) to 7 (Sunday)" }],
      [{ closedWeekdays: "1,2,3,4,5,6,7" }, { closedWeekdays: "at least one weekday must be a working day" }],
      [{ moveDueDates: "sometimes" }, { moveDueDates: "choose whether due dates on a closed day stay, or move to the next or the previous working day" }],
    ] as const) {
      const refused = await answer<SettingsAnswer>(action(post(SETTINGS_URL, fields({ ...WORKING_DAYS, moveDueDates: "off", ...changes }))));
      expect(refused).toEqual({
        status: 422,
        body: expect.objectContaining({ ok: false, form: "workingDays", message: "Working days not saved.", fieldErrors }),
      });
    }
    expect((await getShopSettings(database.prisma, shop)).workingDays).toEqual(stored);
    const audit = await listAudit(database.prisma, shop, {});
    expect(audit.filter((entry) => entry.action === "workingDays.updated")).toHaveLength(1);
  });

  it("saves the branding with a logo uploaded as multipart, shows the logo, keeps it on the next save and removes it", async () => {
    useShop("settings-branding");
    const saved = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, brandingForm(BRANDING_FIELDS, { bytes: PIXEL_PNG, name: "logo.png", type: "image/png" }))),
    );
    expect(saved).toEqual({ status: 200, body: expect.objectContaining({ ok: true, form: "branding" }) });
    const branding = await getShopBranding(database.prisma, shop);
    expect(branding).toMatchObject({ sellerName: "Oak & Iron Furniture", sellerAddress: ["12 Mill Lane", "Austin, TX 78701"], primaryColor: "#1f4e3d" });
    expect(branding.logo?.contentType).toBe("image/png");
    expect([...branding.logo!.data]).toEqual([...PIXEL_PNG]);

    const page = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { branding: { logoUrl: string | null; sellerAddress: string } };
    expect(page.branding.logoUrl).toBe(`data:image/png;base64,${Buffer.from(PIXEL_PNG).toString("base64")}`);
    expect(page.branding.sellerAddress).toBe("12 Mill Lane\nAustin, TX 78701");

    // No file chosen: the logo stays.
    expect((await action(post(SETTINGS_URL, brandingForm({ ...BRANDING_FIELDS, footer: "" })))).status).toBe(200);
    expect(await getShopBranding(database.prisma, shop)).toMatchObject({ footer: null, logo: expect.objectContaining({ contentType: "image/png" }) });

    expect((await action(post(SETTINGS_URL, fields({ intent: "removeLogo" })))).status).toBe(200);
    expect(await getShopBranding(database.prisma, shop)).toMatchObject({ sellerName: "Oak & Iron Furniture", logo: null });
    const audit = await listAudit(database.prisma, shop, {});
    expect(audit.filter((entry) => entry.action === "branding.updated")).toHaveLength(3);
  });

  it("refuses a bad colour, a non-image logo and an oversized one beside their fields, and keeps the branding as it was", async () => {
    useShop("settings-refusals");
    const badColour = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, brandingForm({ ...BRANDING_FIELDS, accentColor: "gold", sellerEmail: "nobody" }))),
    );
    expect(badColour.status).toBe(422);
    expect(badColour.body.fieldErrors).toEqual({ accentColor: "a colour is #rrggbb", sellerEmail: "not an email address" });

    const text = new TextEncoder().encode("%PDF-1.7 not a picture");
    const notImage = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, brandingForm(BRANDING_FIELDS, { bytes: text, name: "logo.png", type: "image/png" }))),
    );
    expect(notImage.status).toBe(422);
    expect(notImage.body).toMatchObject({ form: "branding", fieldErrors: { logo: "the logo must be a PNG or JPEG image" } });

    const huge = new Uint8Array(MAX_LOGO_BYTES + 1);
    huge.set(PIXEL_PNG);
    const tooLarge = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, brandingForm(BRANDING_FIELDS, { bytes: huge, name: "logo.png", type: "image/png" }))),
    );
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.fieldErrors).toEqual({ logo: "the file is larger than 256 KB" });

    expect(await database.prisma.shopBranding.count({ where: { shop } })).toBe(0);
  });

  it("saves an email's own subject and intro, resets it to the default when cleared, and refuses an unknown placeholder", async () => {
    useShop("settings-templates");
    const saved = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, fields({ intent: "template", kind: "reminder", subject: "  {shop}: {amount} due {dueDate}  ", intro: "" }))),
    );
    expect(saved).toEqual({ status: 200, body: expect.objectContaining({ ok: true, form: "template", kind: "reminder" }) });
    expect(await getEmailTemplateText(database.prisma, shop, "reminder")).toEqual({ subject: "{shop}: {amount} due {dueDate}", intro: null });

    const page = (await (await loader(routeArgs(SETTINGS_URL))).json()) as {
      emailTemplates: { kind: string; subject: string; defaults: { subject: string }; placeholders: readonly string[] }[];
    };
    const reminder = page.emailTemplates.find((template) => template.kind === "reminder");
    expect(reminder).toMatchObject({ subject: "{shop}: {amount} due {dueDate}", placeholders: expect.arrayContaining(["amount", "dueDate"]) });
    expect(reminder?.defaults.subject).toContain("{order}");
    expect(page.emailTemplates.map((template) => template.kind)).toHaveLength(10);

    // A contract-wide email has no stage to name.
    const refused = await answer<SettingsAnswer>(
      action(post(SETTINGS_URL, fields({ intent: "template", kind: "refundIssued", subject: "Refund {amont}", intro: "About {stage}" }))),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors.subject).toMatch(/^\{amont\} is not a placeholder of this email; it fills \{shop\}, \{order\}/);
    expect(refused.body.fieldErrors.intro).toMatch(/^\{stage\} is not a placeholder/);
    expect(await getEmailTemplateText(database.prisma, shop, "refundIssued")).toEqual({ subject: null, intro: null });

    expect((await action(post(SETTINGS_URL, fields({ intent: "template", kind: "reminder", subject: " ", intro: "" })))).status).toBe(200);
    expect(await database.prisma.emailTemplateText.count({ where: { shop } })).toBe(0);
  });
});

describe("the email preview and test send", () => {
  it("says there is nothing to preview before the shop has a contract", async () => {
    useShop("settings-no-contracts");
    const refused = await answer<PreviewAnswer>(previewAction(post(PREVIEW_URL, fields({ intent: "preview", kind: "stageInvoice", subject: "", intro: "" }))));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/no contract yet/);
  });

  it("renders the email with the staff's unsaved text and a contract's own figures, the newest or the one chosen", async () => {
    useShop("settings-preview");
    const older = await seedContract(database.prisma, shop, "gid://shopify/DraftOrder/901");
    await database.prisma.contract.update({ where: { id: older.id }, data: { sourceDraftName: "#D901" } });
    const newest = await seedContract(database.prisma, shop, "gid://shopify/DraftOrder/902", "monthly-4");
    await database.prisma.contract.update({ where: { id: newest.id }, data: { sourceDraftName: "#D902", createdAt: new Date("2027-02-01T00:00:00Z") } });

    const page = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { previewContracts: { id: string; label: string }[] };
    expect(page.previewContracts.map((contract) => contract.id)).toEqual([newest.id, older.id]);
    expect(page.previewContracts[1]!.label).toBe("#D901 · €1,200.00");

    const preview = await answer<PreviewAnswer>(
      previewAction(
        post(PREVIEW_URL, fields({ intent: "preview", kind: "stageInvoice", subject: "Pay {amount} for {order}", intro: "", contractId: older.id })),
      ),
    );
    expect(preview.status).toBe(200);
    // The 30/50/20 contract's deposit: 360.00 of 1,200.00.
    expect(preview.body.subject).toBe("Pay €360.00 for #D901");
    expect(preview.body.html).toContain("€360.00");
    expect(preview.body.html).toContain("€1,200.00");
    expect(recorded.sent).toHaveLength(0);

    const newestPreview = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "preview", kind: "refundIssued", subject: "", intro: "" }))),
    );
    expect(newestPreview.body.subject).toContain("#D902");

    const refused = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "preview", kind: "overdue", subject: "{amount} {typo}", intro: "", contractId: older.id }))),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ subject: expect.stringContaining("{typo} is not a placeholder") });
    expect(refused.body.html).toBeNull();

    const foreign = await seedContract(database.prisma, "someone-else.myshopify.com", "gid://shopify/DraftOrder/903");
    const notOurs = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "preview", kind: "stageInvoice", subject: "", intro: "", contractId: foreign.id }))),
    );
    expect(notOurs.status).toBe(422);
    expect(notOurs.body.fieldErrors).toEqual({ contractId: "this contract is not in this shop" });
  });

  it("sends a test straight through the mail transport, subject marked, and shows the mail server's refusal", async () => {
    useShop("settings-test-send");
    await seedContract(database.prisma, shop, "gid://shopify/DraftOrder/911");
    await database.prisma.shopBranding.create({
      data: { shop, sellerName: "Oak & Iron", sellerEmail: "hello@oak-and-iron.test", primaryColor: "#1f4e3d", accentColor: "#c9a227" },
    });
    const page = (await (await loader(routeArgs(SETTINGS_URL))).json()) as { branding: { sellerEmail: string } };
    expect(page.branding.sellerEmail).toBe("hello@oak-and-iron.test");

    const sent = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "sendTest", kind: "paymentReceived", subject: "", intro: "", to: "staff@oak-and-iron.test" }))),
    );
    expect(sent).toMatchObject({ status: 200, body: { ok: true, sentTo: "staff@oak-and-iron.test", message: "Test sent to staff@oak-and-iron.test." } });
    expect(recorded.sent).toHaveLength(1);
    const [message] = recorded.sent;
    expect(message).toMatchObject({
      to: "staff@oak-and-iron.test",
      from: { name: "Oak & Iron", address: "payments@tranche.test" },
      replyTo: "hello@oak-and-iron.test",
      subject: `[Test] ${sent.body.subject}`,
    });
    expect(message!.subject).toMatch(/^\[Test\] Payment received/);
    // Not a buyer's email: nothing queued, nothing on a contract's timeline.
    expect(await database.prisma.outgoingEmail.count({ where: { shop } })).toBe(0);

    const noAddress = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "sendTest", kind: "reminder", subject: "", intro: "", to: "" }))),
    );
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.fieldErrors).toEqual({ to: "give the email address to send the test to" });

    const stranger = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "sendTest", kind: "reminder", subject: "", intro: "", to: "anyone@elsewhere.test" }))),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.body.fieldErrors).toEqual({ to: "tests go to the shop's own addresses (at oak-and-iron.test)" });
    expect(recorded.sent).toHaveLength(1);

    smtpRefusal = Object.assign(new Error("Invalid login: 535 5.7.8 Authentication failed"), { responseCode: 535 });
    const refused = await answer<PreviewAnswer>(
      previewAction(post(PREVIEW_URL, fields({ intent: "sendTest", kind: "reminder", subject: "", intro: "", to: "staff@oak-and-iron.test" }))),
    );
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({
      ok: false,
      sentTo: null,
      message: "The test was not sent: Invalid login: 535 5.7.8 Authentication failed",
    });
    expect(recorded.sent).toHaveLength(1);
  });
});
