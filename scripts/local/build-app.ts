import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Where `remix vite:build` writes the server entry and the browser assets. */
export const SERVER_BUILD = path.resolve("build", "server", "index.js");
export const CLIENT_BUILD = path.resolve("build", "client");

/**
 * Builds the Remix app with `remix vite:build`, quietly: its output is shown only when it fails. The build runs
 * with NODE_ENV=production whatever the caller's is: Vite warns about, and React bundles, anything else.
 */
export async function buildApp(log: (line: string) => void): Promise<void> {
  log("Building the app (remix vite:build)…");
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "remix"), ["vite:build"], {
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`remix vite:build failed (exit ${code}):\n${output.join("")}`);
  log(`Built the app in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** True when build/ exists and is newer than every source it is built from (app/, vite.config.ts, package.json). */
export function builtAppIsFresh(): boolean {
  if (!existsSync(SERVER_BUILD)) return false;
  const builtAt = statSync(SERVER_BUILD).mtimeMs;
  return [path.resolve("app"), path.resolve("vite.config.ts"), path.resolve("package.json")].every((source) => newestChange(source) < builtAt);
}

function newestChange(file: string): number {
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(file).map((entry) => newestChange(path.join(file, entry))));
}
