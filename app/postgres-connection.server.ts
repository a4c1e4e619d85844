import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export interface PostgresConnection {
  /** For a pg Pool: the URL without Prisma's `schema` parameter, and that schema as the search path. */
  readonly config: PoolConfig;
  /** The schema named by `?schema=` (Prisma's convention); undefined means the server's default, `public`. */
  readonly schema: string | undefined;
}

/** Connections per process: enough for the web server's requests and a worker's jobs without exhausting the server. */
const DEFAULT_POOL_SIZE = 10;

/**
 * Reads a `postgresql://` URL as the app, the worker, the Prisma CLI and the job queue all use it. Tests give each
 * file a schema of its own (`?schema=t_…`): the raw SQL the app writes names tables without a schema, so the
 * schema becomes the connection's search path as well as Prisma's qualifier.
 */
export function postgresConnection(url: string): PostgresConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a URL: expected postgresql://user@host:port/database, got "${url}"`);
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got the ${parsed.protocol} scheme`);
  }
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_URL's schema "${schema}" must be a plain identifier (letters, digits, underscores)`);
  }
  parsed.searchParams.delete("schema");
  const poolSize = Number(parsed.searchParams.get("connection_limit") ?? DEFAULT_POOL_SIZE);
  parsed.searchParams.delete("connection_limit");
  return {
    schema,
    // Separate fields, not a connection string: pg lets a connection string override every other field, and the
    // Prisma CLI opens its shadow database by changing `database`.
    config: {
      ...parseIntoClientConfig(parsed.toString()),
      max: poolSize,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    },
  };
}
