import { readFileSync, writeFileSync } from "node:fs";
import { EmulatorClock } from "./clock";
import type { AppEmail, OutboxEmail, ShopState } from "./model";
import type { WebhookSubject } from "../webhooks/webhook-subject";
import { seedShop, type ShopFixture } from "./seed";

/** What a snapshot file holds: enough to restart the emulator where it stopped. */
interface StoreSnapshot {
  readonly version: 1;
  readonly clockOffsetMs: number;
  readonly nextId: number;
  readonly shops: readonly ShopState[];
  readonly outbox: readonly OutboxEmail[];
  /** Absent in snapshots written before the emulator took the app's emails. */
  readonly appEmails?: readonly AppEmail[];
}

/** Topics in webhook form (`orders/paid`). */
export type WebhookEmitter = (shop: string, topic: string, subject: WebhookSubject) => void;

/**
 * All shops of the emulator, their clock, ids, Shopify's outbox and the emails the app sent over SMTP. In memory; `save`/`load` write and read a snapshot
 * file so a demo survives a restart.
 */
export class EmulatorStore {
  readonly clock = new EmulatorClock();
  readonly shops = new Map<string, ShopState>();
  readonly outbox: OutboxEmail[] = [];
  readonly appEmails: AppEmail[] = [];
  /** The emulator's own address (`http://127.0.0.1:PORT`), set once the server listens; links such as invoice URLs use it. */
  publicUrl: string | undefined;
  private nextId = 1001;
  private emitter: WebhookEmitter = () => undefined;

  /** A new Shopify GID of the given type: `gid://shopify/DraftOrder/1001`. */
  newId(type: string): string {
    return `gid://shopify/${type}/${this.nextId++}`;
  }

  /** A number for names and references (`#1001`, payment reference ids). */
  nextNumber(): number {
    return this.nextId++;
  }

  addShop(fixture: ShopFixture): ShopState {
    const shop = seedShop(fixture, this);
    this.shops.set(shop.settings.domain, shop);
    return shop;
  }

  shop(domain: string): ShopState {
    const shop = this.shops.get(domain);
    if (!shop) throw new Error(`the emulator has no shop ${domain}`);
    return shop;
  }

  shopByToken(accessToken: string): ShopState | undefined {
    for (const shop of this.shops.values()) if (shop.settings.accessToken === accessToken) return shop;
    return undefined;
  }

  /** Webhooks are sent by whoever is wired in (the dispatcher); a bare store drops them. */
  setWebhookEmitter(emitter: WebhookEmitter): void {
    this.emitter = emitter;
  }

  /** Says that `topic` happened to `subject` in `shop`; the dispatcher builds and delivers the payload. */
  emitWebhook(shop: string, topic: string, subject: WebhookSubject): void {
    this.emitter(shop, topic, subject);
  }

  sendEmail(email: Omit<OutboxEmail, "id" | "sentAt">): OutboxEmail {
    const sent: OutboxEmail = { ...email, id: this.newId("Email"), sentAt: this.clock.nowIso() };
    this.outbox.push(sent);
    return sent;
  }

  /** Keeps an email the app sent; one whose Message-ID is already here is another delivery of that email (its first content stays). */
  receiveAppEmail(message: Omit<AppEmail, "id" | "receivedAt" | "deliveries">): AppEmail {
    const known = message.messageId === null ? undefined : this.appEmails.find((email) => email.messageId === message.messageId);
    if (known) {
      known.deliveries += 1;
      return known;
    }
    const received: AppEmail = { ...message, id: `app-email-${this.appEmails.length + 1}`, receivedAt: this.clock.nowIso(), deliveries: 1 };
    this.appEmails.push(received);
    return received;
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      clockOffsetMs: this.clock.offsetMilliseconds,
      nextId: this.nextId,
      shops: [...this.shops.values()],
      outbox: this.outbox,
      appEmails: this.appEmails,
    };
  }

  save(file: string): void {
    writeFileSync(file, JSON.stringify(this.snapshot(), null, 2));
  }

  /** Replaces this store's state with a snapshot written by `save`. */
  load(file: string): void {
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as StoreSnapshot;
    if (snapshot.version !== 1) throw new Error(`${file}: unknown snapshot version ${String(snapshot.version)}`);
    this.shops.clear();
    for (const shop of snapshot.shops) this.shops.set(shop.settings.domain, shop);
    this.outbox.splice(0, this.outbox.length, ...snapshot.outbox);
    this.appEmails.splice(0, this.appEmails.length, ...(snapshot.appEmails ?? []));
    this.nextId = snapshot.nextId;
    this.clock.restoreOffset(snapshot.clockOffsetMs);
  }
}
