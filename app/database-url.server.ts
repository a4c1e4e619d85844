/**
 * Where the SQLite database lives. `DATABASE_URL` overrides it (tests point it at a
 * temporary file); a relative path is resolved from the working directory, which is
 * the repository root for every npm script.
 *
 * Shared by the app (db.server.ts) and the Prisma CLI (prisma.config.ts), which must
 * not import the generated client because it runs before `prisma generate`.
 */
export const DEFAULT_DATABASE_URL = "file:prisma/dev.sqlite";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}
