/**
 * Where the PostgreSQL database is: `DATABASE_URL` (production sets it; the demo points it at the embedded server it
 * starts; tests at a schema of their own). Without it, development uses a local server's `tranche` database;
 * production refuses to guess.
 *
 * Shared by the app (db.server.ts) and the Prisma CLI (prisma.config.ts), which must not import the generated
 * client because it runs before `prisma generate`.
 */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/tranche";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.NODE_ENV === "production") throw new Error("DATABASE_URL is not set: production needs the address of its PostgreSQL database");
  return DEFAULT_DATABASE_URL;
}
