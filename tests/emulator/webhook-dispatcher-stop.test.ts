import { afterEach, describe, expect, it, vi } from "vitest";
import { EmulatorStore } from "../../emulator/state/emulator-store";
import { WebhookDispatcher } from "../../emulator/webhooks/webhook-dispatcher";

const DOMAIN = "stopping.myshopify.com";

afterEach(() => {
  vi.useRealTimers();
});

describe("stopping the webhook dispatcher", () => {
  it("clears the delay fault's timers, so a stopped dispatcher leaves nothing pending and is idle", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const store = new EmulatorStore();
    store.addShop({ domain: DOMAIN });
    const app = { apiKey: "key", apiSecret: "secret", webhooks: [{ topic: "app/uninstalled", uri: "http://127.0.0.1:9/never" }] };
    const dispatcher = new WebhookDispatcher(store, app, { faults: { delayMs: 3_600_000 } });
    dispatcher.emit(DOMAIN, "app/uninstalled", { type: "shop" });
    expect(vi.getTimerCount()).toBe(1);

    dispatcher.stop();
    expect(vi.getTimerCount()).toBe(0);
    await dispatcher.waitForIdle();
    expect(dispatcher.events[0]!.deliveries[0]!.attempts).toEqual([]);
  });
});
