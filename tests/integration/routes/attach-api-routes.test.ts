import { afterAll, describe, expect, it, vi } from "vitest";

import type { StaffContext } from "../../../app/staff-context.server";
import { action, loader } from "../../../app/routes/api.attach";
import { loader as optionsLoader } from "../../../app/routes/api.attach.options";
import { loader as previewLoader } from "../../../app/routes/api.attach.preview";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());

// Every answer goes through `cors`: the test's marks it, to see that no path forgets it.
vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: "attach-api.myshopify.com",
    actor: "staff:5",
    deps: {
      db: database.prisma,
      jobs,
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: false,
    cors: (response) => {
      response.headers.set("Access-Control-Allow-Origin", "*");
      return response;
    },
  }),
}));

const at = (path: string, init?: RequestInit) => ({ request: new Request(`https://app.test${path}`, init), params: {}, context: {} });

describe("the attach API the draft-order action extension calls", () => {
  it("answers the preflight of POST /api/attach through its loader (Remix sends OPTIONS there), and refuses GET", async () => {
    const preflight = await loader(at("/api/attach", { method: "OPTIONS" }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await loader(at("/api/attach"))).status).toBe(405);
  });

  it("says what is wrong with a malformed attach request", async () => {
    const notJson = await action(at("/api/attach", { method: "POST", body: "draftOrderId=1" }));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: expect.stringContaining("must be JSON") });
    const missing = await action(at("/api/attach", { method: "POST", body: JSON.stringify({ draftOrderId: "gid://shopify/DraftOrder/1" }) }));
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ error: "Choose a plan to attach" });
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("asks for the draft order (and the plan) by name", async () => {
    const options = await optionsLoader(at("/api/attach/options"));
    expect(options.status).toBe(400);
    expect(await options.json()).toEqual({ error: "Choose a draft order first" });
    const preview = await previewLoader(at("/api/attach/preview?draftOrderId=gid%3A%2F%2Fshopify%2FDraftOrder%2F1"));
    expect(preview.status).toBe(400);
    expect(await preview.json()).toEqual({ error: "Choose a draft order and a plan first" });
  });
});
