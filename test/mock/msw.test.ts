import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setupServer } from "msw/node";
import type { RequestHandler } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT, localTempDir, runCli, runTsc } from "../helpers.js";
import { callOne, credentials, selected, type Call } from "../real/client-calls.js";
import { judgedByAjv } from "./judge.js";

type Json = Record<string, unknown>;

/** Fixtures with lists of each style, text and binary bodies, path shapes MSW cannot read as written, and hostile names. */
const FIXTURES = ["users", "payments", "feed", "validation", "paths", "hostile", "petstore"];
const specOf = (name: string) => (name === "hostile" ? "fixtures/hostile/openapi.yaml" : `fixtures/${name}.yaml`);

const table: string[] = [];
afterAll(() => console.log(["generated client against the generated MSW handlers:", ...table].join("\n")));

let dir: string;
beforeAll(() => {
  dir = localTempDir("codegen-msw-");
  for (const name of FIXTURES) {
    const generated = runCli([specOf(name), "-o", join(dir, name), "--target", "client,server,mocks", "--quiet"]);
    expect(generated.status, generated.stderr).toBe(0);
  }
});

it("the handlers type-check with msw installed, under strict settings", () => {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const compilerOptions = { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, types: ["node"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*/mocks.ts", "*/client/**/*.ts"] }));
  const checked = runTsc(["-p", join(dir, "tsconfig.json")]);
  expect(checked.stdout + checked.stderr).toBe("");
  expect(checked.status).toBe(0);
});

describe.each(FIXTURES)("the MSW handlers of %s", (name) => {
  it("answer every call of the generated client on contract (ajv), with no server", async () => {
    const { spec, model } = await loadModel({ spec: join(ROOT, specOf(name)), allowRemote: false });
    const output = (file: string) => import(pathToFileURL(join(dir, name, file)).href);
    const { handlers } = (await output("mocks.ts")) as { handlers: RequestHandler[] };
    const { createGroupedClient } = (await output("client/index.ts")) as { createGroupedClient: (options: object) => Json };
    const validators = await judgedByAjv(join(dir, name));
    expect(handlers).toHaveLength(model.operations.length - model.sharedRoutes.length);
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createGroupedClient({ baseUrl: `https://api.example.test${model.basePath}`, auth: credentials(model), maxRetries: 0 });
      // A path with dot segments (`/../../escape`) is rewritten by every URL parser before it leaves the client.
      const chosen = selected(model).filter(({ operation }) => !operation.path.split("/").some((segment) => segment === "." || segment === ".."));
      const calls: Call[] = [];
      for (const { method, operation } of chosen) calls.push(await callOne(client, method, operation, spec.document, validators));
      table.push(`  ${name}: ${calls.filter((call) => call.outcome === "resolved, shape matches").length} of ${calls.length} calls answered on contract`);
      for (const call of calls.filter((entry) => entry.outcome !== "resolved, shape matches")) table.push(`    ${call.operation}: ${call.outcome}: ${call.detail.slice(0, 200)}`);
      expect(calls.filter((call) => call.outcome !== "resolved, shape matches" && call.outcome !== "resolved; the contract declares no response")).toEqual([]);
    } finally {
      server.close();
    }
  });
});
