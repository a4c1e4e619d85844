import type { PrismaClient } from "@prisma/client";

import type { JobQueue } from "../lib/jobs/job-queue.server";
import type { AdminClient } from "../shopify/admin-client.server";

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
}
