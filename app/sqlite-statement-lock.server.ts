import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type SqliteDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK|END)\b/i;

/** A first-come, first-served async lock. */
class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

/**
 * Keeps statements outside a transaction out of an open one. The app has one SQLite connection per process, and
 * an interactive transaction (`$transaction(async (tx) => …)`) keeps it in BEGIN while its callback awaits: a
 * statement another request sends meanwhile would run inside that transaction and vanish if it rolls back. So a
 * transaction holds this lock from BEGIN to COMMIT/ROLLBACK, and every statement outside one waits for it. The
 * price: code that uses the outer client inside a transaction callback waits until Prisma's transaction timeout
 * ends it — use the callback's `tx`.
 */
export function withStatementLock(adapter: SqliteDriverAdapter): SqliteDriverAdapter {
  const lock = new AsyncLock();
  const underLock = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query) => underLock(() => queryRaw(query));
  adapter.executeRaw = (query) => underLock(() => executeRaw(query));
  adapter.startTransaction = async (isolationLevel) => {
    const releaseLock = await lock.acquire();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      releaseLock();
    };
    try {
      const transaction = await startTransaction(isolationLevel);
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      const transactionExecuteRaw = transaction.executeRaw.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      // Prisma ends a transaction with a COMMIT or ROLLBACK statement first and skips commit()/rollback() when
      // that statement fails (SQLite already rolled back: disk full, I/O error); the lock must not stay held.
      transaction.executeRaw = async (query) => {
        if (!ENDS_TRANSACTION.test(query.sql)) return transactionExecuteRaw(query);
        try {
          return await transactionExecuteRaw(query);
        } finally {
          release();
        }
      };
      return transaction;
    } catch (error) {
      release();
      throw error;
    }
  };
  return adapter;
}
