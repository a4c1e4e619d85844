import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION as APP_API_VERSION } from "../../app/shopify/api-version";
import { ADMIN_API_VERSION, ADMIN_SCHEMA_FILE } from "../../emulator/admin-schema";

/**
 * The emulator is Shopify's double and its own workspace package: it must not share code with the app it checks
 * (a bug in our money maths would otherwise pass on both sides), so nothing under emulator/ may import from app/,
 * nor leave the package by a relative path, nor use an npm package its package.json does not declare.
 */

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EMULATOR_DIR = path.join(REPO_ROOT, "emulator");
const APP_DIR = path.join(REPO_ROOT, "app");

interface PackageJson {
  readonly name?: string;
  readonly workspaces?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

const readPackageJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
const rootPackage = readPackageJson(REPO_ROOT);
const emulatorPackage = readPackageJson(EMULATOR_DIR);

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : typeScriptFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module specifier of a file: static and type imports, re-exports, `import("…")` (also in types), `require`. */
function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** The npm package a bare specifier names: "graphql", "date-fns/addDays" → "date-fns", "@date-fns/tz". */
function packageName(specifier: string): string {
  const segments = specifier.split("/");
  return specifier.startsWith("@") ? segments.slice(0, 2).join("/") : segments[0]!;
}

const isInside = (dir: string, file: string) => !path.relative(dir, file).startsWith("..") && !path.isAbsolute(path.relative(dir, file));
const isBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** What is wrong with one import of `file`, or undefined when the package may import it. */
function boundaryViolation(file: string, specifier: string): string | undefined {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
    const target = path.resolve(path.dirname(file), specifier);
    if (isInside(APP_DIR, target)) return "imports the app's code";
    if (!isInside(EMULATOR_DIR, target)) return "leaves the emulator package";
    return undefined;
  }
  if (isBuiltin(specifier)) return undefined;
  return emulatorPackage.dependencies?.[packageName(specifier)] === undefined ? "uses a package emulator/package.json does not list" : undefined;
}

function violations(): string[] {
  return typeScriptFiles(EMULATOR_DIR).flatMap((file) =>
    importSpecifiers(readFileSync(file, "utf8")).flatMap((specifier) => {
      const problem = boundaryViolation(file, specifier);
      return problem ? [`${path.relative(REPO_ROOT, file)}: "${specifier}" ${problem}`] : [];
    }),
  );
}

describe("the emulator's package boundary", () => {
  it("scans every TypeScript file of the emulator", () => {
    const files = typeScriptFiles(EMULATOR_DIR).map((file) => path.relative(EMULATOR_DIR, file));
    expect(files).toEqual(expect.arrayContaining(["emulator.ts", "commerce/money.ts", "graphql/resolvers/payments.ts", "webhooks/payloads/order.ts"]));
  });

  it("flags an import into app/, out of the package, or of an undeclared package", () => {
    const file = path.join(EMULATOR_DIR, "commerce", "example.ts");
    const source = [
      'import { Dec } from "../../app/domain/money/decimal";',
      'import type { X } from "../../tests/support/x";',
      'const lazy = () => import("../../app/shopify/api-version");',
      'export { y } from "./money";',
      'import { z } from "zod";',
      'import { readFileSync } from "node:fs";',
      'import { Kind } from "graphql";',
    ].join("\n");
    expect(importSpecifiers(source).map((specifier) => boundaryViolation(file, specifier))).toEqual([
      "imports the app's code",
      "leaves the emulator package",
      "imports the app's code",
      undefined,
      "uses a package emulator/package.json does not list",
      undefined,
      undefined,
    ]);
  });

  it("imports nothing from app/, nothing outside emulator/, and only the npm packages it declares", () => {
    expect(violations()).toEqual([]);
  });

  it("is a workspace of the root package, pinning its dependencies to the root's versions", () => {
    expect(rootPackage.workspaces).toContain("emulator");
    expect(emulatorPackage.name).toBe("@tranche/shopify-emulator");
    const rootPins = { ...rootPackage.dependencies, ...rootPackage.devDependencies };
    for (const [name, version] of Object.entries({ ...emulatorPackage.dependencies, ...emulatorPackage.devDependencies })) {
      expect({ name, version }).toEqual({ name, version: rootPins[name] });
    }
  });

  it("serves the Admin API version the app asks for, from the schema of that version", () => {
    expect(APP_API_VERSION).toBe(ADMIN_API_VERSION);
    expect(path.basename(ADMIN_SCHEMA_FILE)).toBe(`admin-${ADMIN_API_VERSION}.schema.json.gz`);
  });
});
