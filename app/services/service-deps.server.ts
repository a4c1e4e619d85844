import type { PrismaClient } from "@prisma/client";

import type { JobQueue } from "../lib/jobs/job-queue.server";
import type { AdminClient } from "../shopify/admin-client.server";
import type { MailTransport } from "./buyer-email/mail-transport.server";

/**
 * What the use cases need from the outside world, passed in so that tests and the demo can point them at the
 * emulator, a test database and the emulator's clock.
 */
export interface ServiceDeps {
  readonly db: PrismaClient;
  /** Where follow-up work goes (a contract's sync after a staff action). */
  readonly jobs: JobQueue;
  /** An Admin API client for the shop (its offline session's token). */
  readonly adminFor: (shop: string) => Promise<AdminClient>;
  /** The current instant; stage dates are compared with it in each contract's time zone. */
  readonly now: () => Date;
  /** What the buyer's emails go out through and the links in them point to. */
  readonly buyerMail: BuyerMailDeps;
}

export interface BuyerMailDeps {
  readonly transport: MailTransport;
  /** The app's public URL: the buyer's portal and PDFs live under it. */
  readonly appUrl: string;
  /** The secret the buyer's links are signed with. */
  readonly linkSecret: string;
  /** Scales the waits between a failed email's attempts (tests shorten them); 1 when absent. */
  readonly retryScale?: number;
  /** How long a worker holds an email it is sending before another may presume it dead (EMAIL_CLAIM_MS when absent). */
  readonly claimMs?: number;
}
