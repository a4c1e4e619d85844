import { afterAll, beforeAll, expect } from "vitest";

import type { JobQueue } from "../../app/lib/jobs/job-queue.server";
import { getContract, type StoredContract } from "../../app/models/contracts.server";
import type { LinkEmailsBy } from "../../app/models/shop-settings.server";
import type { MailTransport } from "../../app/services/buyer-email/mail-transport.server";
import { syncContract } from "../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../app/services/service-deps.server";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client.server";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../emulator/fixtures/demo-fixture";
import { payEmailedLink, staffAdminRequest } from "../../emulator/staff-and-buyer-actions";
import type { Customer, ShopPlan, ShopState, Variant } from "../../emulator/state/model";
import type { ShopFixture } from "../../emulator/state/seed";
import { createTestDatabase, type TestDatabase } from "../integration/test-database";
import { recordingMailTransport, testBuyerMail } from "./buyer-mail";

/**
 * The app's services against the in-process emulator, for a test file: a fresh test database with its job queue
 * (not supervising), the emulator with the demo fixture's shops, and the pieces tests repeat around them: the
 * services' dependencies, staff's Admin API, a quote, a sync, and the buyer paying an invoice Shopify emailed.
 */
export interface EmulatorServicesOptions {
  /** The demo shop the services act for, by its Shopify plan; "basic" when absent. */
  readonly plan?: ShopPlan;
  /** Start the emulator with every demo shop, not only the one the services act for. */
  readonly allDemoShops?: boolean;
  /** Store the shop's setting, as staff would; absent, the app's default (Tranche emails the links). */
  readonly linkEmailsBy?: LinkEmailsBy;
  /** Store each shop's offline session, as installing the app does (the app's routes read it). */
  readonly offlineSessions?: boolean;
  /** Where buyer emails go; a fresh recording transport when absent. */
  readonly mail?: MailTransport;
  /** Wraps each Admin API client the services get, to inject faults or count calls. */
  readonly wrapAdminClient?: (client: AdminClient, domain: string) => AdminClient;
  /** Who holds a contract's lock while `sync` runs, as the log and audit name it. */
  readonly syncHolder?: string;
}

export interface QuoteOptions {
  /** The buyer; the shop's second fixture customer when absent. */
  readonly customerId?: string;
  /** Of the shop's first product that ships; 1 when absent. */
  readonly quantity?: number;
}

export interface EmulatorServices {
  /** The demo shop the services act for. */
  readonly shop: ShopFixture;
  /** The test database; usable in tests and hooks that run after this file's `beforeAll`. */
  readonly database: TestDatabase;
  /** The running emulator; usable in tests and hooks that run after this file's `beforeAll`. */
  readonly emulator: RunningEmulator;
  deps(): ServiceDeps;
  /** A query or mutation as staff in the Shopify admin, with the shop's token. */
  admin<Data>(query: string, variables?: Record<string, unknown>): Promise<Data>;
  /** The shop as the emulator holds it now. */
  shopState(): ShopState;
  /** One of the shop's fixture customers, by position. */
  customer(position: number): Customer;
  /** The first variant of the shop's catalog that requires shipping. */
  shippingVariant(): Variant;
  /** A draft order as staff create it in the Shopify admin: one line, for a customer, to their default address. */
  createQuote(options?: QuoteOptions): Promise<string>;
  /** Syncs the contract once and reads it back. */
  sync(contractId: string): Promise<StoredContract>;
  /** Pays, as the buyer with a card the emulator approves, the last invoice Shopify emailed for the draft order. */
  payDraftInvoice(draftOrderId: string): Promise<void>;
}

/**
 * Starts the services in this file's `beforeAll` and stops them in its `afterAll`. Call it at the top of a test
 * file; `database` and `emulator` stand for the running ones from the `beforeAll` on.
 */
export function useEmulatorServices(options: EmulatorServicesOptions = {}): EmulatorServices {
  const demoShops = readShopsFixture(DEMO_FIXTURE_FILE);
  const plan = options.plan ?? "basic";
  const shop = demoShops.find((fixture) => fixture.plan === plan);
  if (!shop) throw new Error(`emulator services: the demo fixture has no shop on the "${plan}" plan`);
  const shops = options.allDemoShops ? demoShops : [shop];
  const mail = options.mail ?? recordingMailTransport();

  let running: { readonly database: TestDatabase; readonly jobs: JobQueue; readonly emulator: RunningEmulator } | undefined;
  const started = () => {
    if (!running) throw new Error("emulator services: used before this file's beforeAll started them");
    return running;
  };
  const database = lateBound(() => started().database);
  const emulator = lateBound(() => started().emulator);

  beforeAll(async () => {
    const testDatabase = await createTestDatabase();
    try {
      const jobs = await testDatabase.openJobQueue({ supervise: false });
      running = { database: testDatabase, jobs, emulator: await startEmulator({ shops }) };
    } catch (error) {
      await testDatabase.cleanup();
      throw error;
    }
    if (options.offlineSessions) {
      await testDatabase.prisma.session.createMany({
        data: shops.map((fixture) => ({ id: `offline_${fixture.domain}`, shop: fixture.domain, state: "", isOnline: false, accessToken: tokenOf(fixture) })),
      });
    }
    if (options.linkEmailsBy) await testDatabase.prisma.shopSettings.create({ data: { shop: shop.domain, linkEmailsBy: options.linkEmailsBy } });
  }, 60_000);

  afterAll(async () => {
    await running?.emulator.close();
    await running?.database.cleanup();
    running = undefined;
  });

  const deps = (): ServiceDeps => ({
    db: started().database.prisma,
    jobs: started().jobs,
    adminFor: async (domain) => {
      const fixture = shops.find((candidate) => candidate.domain === domain);
      if (!fixture) throw new Error(`emulator services: ${domain} is not one of the shops the emulator was started with`);
      const client = createAdminClient({ shop: domain, accessToken: tokenOf(fixture) }, { apiUrl: started().emulator.adminUrl() });
      return options.wrapAdminClient ? options.wrapAdminClient(client, domain) : client;
    },
    now: () => started().emulator.store.clock.now(),
    buyerMail: testBuyerMail(mail),
  });

  const admin = <Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> =>
    staffAdminRequest<Data>(started().emulator.adminUrl(), tokenOf(shop), query, variables);

  const shopState = () => started().emulator.store.shop(shop.domain);

  const customer = (position: number): Customer => {
    const found = shopState().customers[position];
    if (!found) throw new Error(`emulator services: ${shop.domain} has no fixture customer at position ${position}`);
    return found;
  };

  const shippingVariant = (): Variant => {
    const found = shopState()
      .products.flatMap((product) => product.variants)
      .find((candidate) => candidate.requiresShipping);
    if (!found) throw new Error(`emulator services: ${shop.domain} has no product that requires shipping`);
    return found;
  };

  const createQuote = async (quote: QuoteOptions = {}): Promise<string> => {
    const created = await admin<{ draftOrderCreate: { draftOrder: { id: string } } }>(
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
      {
        input: {
          customerId: quote.customerId ?? customer(1).id,
          useCustomerDefaultAddress: true,
          lineItems: [{ variantId: shippingVariant().id, quantity: quote.quantity ?? 1 }],
        },
      },
    );
    return created.draftOrderCreate.draftOrder.id;
  };

  const sync = async (contractId: string): Promise<StoredContract> => {
    await syncContract(deps(), shop.domain, contractId, { holder: options.syncHolder ?? "emulator-services-test", actor: "system" });
    const contract = await getContract(started().database.prisma, shop.domain, contractId);
    if (!contract) throw new Error(`emulator services: contract ${contractId} is gone after its sync`);
    return contract;
  };

  const payDraftInvoice = async (draftOrderId: string): Promise<void> => {
    const email = started()
      .emulator.store.outbox.filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === draftOrderId)
      .at(-1);
    if (!email?.url) throw new Error(`no invoice was emailed for ${draftOrderId}`);
    expect((await payEmailedLink(started().emulator.url, email.url, { card: "approve" })).ok).toBe(true);
  };

  return {
    shop,
    database,
    emulator,
    deps,
    admin,
    shopState,
    customer,
    shippingVariant,
    createQuote,
    sync,
    payDraftInvoice,
  };
}

function tokenOf(fixture: ShopFixture): string {
  if (!fixture.accessToken) throw new Error(`emulator services: the fixture shop ${fixture.domain} has no access token`);
  return fixture.accessToken;
}

/**
 * Stands for an object made later (in `beforeAll`), so a test file can name it once at the top: each property read
 * goes to the object as it is then.
 */
function lateBound<T extends object>(current: () => T): T {
  return new Proxy({} as T, { get: (_target, property) => Reflect.get(current(), property) as unknown });
}
