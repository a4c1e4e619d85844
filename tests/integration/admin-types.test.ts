import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import codegenConfig from "../../codegen";
import { generateAdminTypes } from "../../scripts/graphql/admin-codegen";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("app/types/admin.generated.ts", () => {
  it("is what `npm run graphql-codegen` generates from the operations in app/ (run it after changing one)", async () => {
    const committed = readFileSync(path.join(repoRoot, codegenConfig.output), "utf8");
    expect(committed === (await generateAdminTypes(repoRoot)), "app/types/admin.generated.ts is stale: run npm run graphql-codegen").toBe(true);
  }, 60_000);
});
