import { createRequestHandler, type Handlers } from "../../golden/hostile/server/index.js";
import { basePath, operations } from "../../golden/hostile/operations.js";
import type { FixtureApp } from "../serve.js";
import type { components } from "../../golden/hostile/types.js";

type EvilSchema = components["schemas"]["Evil*/Schema"];

const handlers: Handlers = {
  getItemGlobalThisCodegenCanaryOperationId: ({ path, query }) => ({
    status: 200,
    body: JSON.parse(JSON.stringify({ kind: "__proto__", echo: `${path.id}|${query.__proto__ ?? ""}|${query.constructor ?? ""}` }).replace('"echo"', '"__proto__"')) as EvilSchema,
  }),
  tmpEvil: ({ body }) => (body?.constructor?.prototype === "p" ? { status: 204 } : { status: 204, headers: { "x-unexpected": "1" } }),
  constructor_: () => ({ status: 200 }),
  percent: ({ body }) => ({ status: 200, body: body === "bad" ? (body as unknown as number) : body.length }),
  delete_: () => ({ status: 204 }),
};

export const hostileApp: FixtureApp = {
  operations,
  handler: (options) => createRequestHandler(handlers, { validateResponses: true, ...options }),
  calls: [
    {
      operation: "getItemGlobalThisCodegenCanaryOperationId",
      method: "GET",
      path: `${basePath}/items/a%20b'%3B%20globalThis.__codegenCanary%20%3D%20'path'%3B%20'?__proto__=p&constructor=c`,
      status: 200,
      response: JSON.parse('{"kind":"__proto__","__proto__":"a b|p|c"}'),
    },
    {
      operation: "tmpEvil",
      method: "POST",
      path: `${basePath}/../../escape`,
      body: '{"__proto__":"x","constructor":{"prototype":"p"},"a\\"b":"q"}',
      status: 204,
    },
    { operation: "constructor_", method: "GET", path: `${basePath}/constructor`, status: 200 },
    { operation: "percent", method: "PUT", path: `${basePath}/percent`, body: '"abc"', status: 200, response: 3 },
    { operation: "delete_", method: "DELETE", path: `${basePath}/delete`, status: 204 },
  ],
};
