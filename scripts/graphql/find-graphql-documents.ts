import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** A GraphQL document written in the source as a `#graphql` template literal. */
export interface SourceDocument {
  /** Relative to the directory searched, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly source: string;
  /** Set when the literal interpolates `${…}`: such a document cannot be checked or typed, so it is refused. */
  readonly interpolated: boolean;
}

const SOURCE_FILE = /\.(ts|tsx)$/;
const GRAPHQL_TAG = /^\s*#graphql\b/;

/**
 * Every `#graphql` template literal in the TypeScript files under `root`, found by parsing the files with the
 * TypeScript compiler (not by a regular expression, so strings and comments that mention `#graphql` do not count).
 */
export function findGraphqlDocuments(root: string): SourceDocument[] {
  return sourceFiles(root).flatMap((file) => documentsIn(root, file));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
      return SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

function documentsIn(root: string, file: string): SourceDocument[] {
  const text = readFileSync(file, "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const relative = path.relative(root, file).split(path.sep).join("/");
  const found: SourceDocument[] = [];
  const visit = (node: ts.Node): void => {
    const literal = ts.isNoSubstitutionTemplateLiteral(node) ? node.text : ts.isTemplateExpression(node) ? node.head.text : undefined;
    if (literal !== undefined && GRAPHQL_TAG.test(literal)) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      found.push({ file: relative, line, source: literal, interpolated: ts.isTemplateExpression(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
