import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

/** Calls of `eval`, `Function` or `new Function` in a TypeScript file, as `line: text`. */
function codeFromStrings(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const callee = ts.isCallExpression(node) || ts.isNewExpression(node) ? bare(node.expression) : undefined;
    if (callee !== undefined && (callee === "eval" || callee === "Function")) {
      found.push(`${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The name a callee comes down to: `eval`, `(0, eval)`, `globalThis.eval`. */
function bare(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isParenthesizedExpression(expression)) return bare(expression.expression);
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.CommaToken) return bare(expression.right);
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && ["globalThis", "window", "self", "global"].includes(expression.expression.text)) {
    return expression.name.text;
  }
  return undefined;
}

/**
 * The server suite runs under `--disallow-code-generation-from-strings` (see vitest.config.ts) on
 * every adapter but Fastify: each test in it shows the generated server needs no `eval` or
 * `new Function`.
 */
describe("the generated server compiles no code at run time", () => {
  it.runIf(process.env.SERVER_ADAPTER !== "fastify")("runs where code generation from strings throws", () => {
    expect(() => new Function("return 1")).toThrow(EvalError);
    expect(() => (0, eval)("1")).toThrow(EvalError);
  });

  it("has no eval or Function constructor in the runtime it ships", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".ts")) files.push(path);
      }
    };
    walk(join(ROOT, "templates/runtime"));
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(codeFromStrings)).toEqual([]);
    // The scan finds what it looks for.
    expect(codeFromStrings(join(ROOT, "test/server/no-code-from-strings.test.ts")).length).toBe(2);
  });
});
