import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

import { databaseUrl } from "./database-url.server";
import { postgresConnection } from "./postgres-connection.server";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * The pg driver adapter, mended where Prisma 6.19 leaks a connection: Prisma sends COMMIT as a query and releases
 * the connection to the pool only after it succeeded. A SERIALIZABLE transaction can be refused at COMMIT
 * (40001, app/models/database.server.ts retries it), and each refusal then kept one pooled connection forever,
 * until the pool was empty and every query waited. Here a failed COMMIT releases its connection before the error
 * goes up; Prisma calls nothing else on that transaction afterwards.
 */
class AppPostgresAdapter extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releaseOnFailedCommit(await startTransaction(isolationLevel));
    return adapter;
  }
}

function releaseOnFailedCommit(transaction: PgTransaction): PgTransaction {
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (/^\s*COMMIT\b/i.test(query.sql)) await transaction.rollback();
      throw error;
    }
  };
  return transaction;
}

/** A Prisma client on PostgreSQL through the pure-JavaScript pg driver (a pool per client). */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  const { config, schema } = postgresConnection(url);
  return new PrismaClient({ adapter: new AppPostgresAdapter(config, schema ? { schema } : undefined) });
}
