import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import codegenConfig from "../codegen";
import { generateAdminTypes } from "./graphql/admin-codegen";

/** `npm run graphql-codegen`: regenerates the Admin operation types, offline, from the committed schema. */
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const output = path.join(repoRoot, codegenConfig.output);
writeFileSync(output, await generateAdminTypes(repoRoot));
console.log(`wrote ${codegenConfig.output}`);
