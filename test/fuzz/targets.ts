import { join } from "node:path";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { ROOT, VALID_FIXTURES } from "../helpers.js";
import { serve, type FixtureApp, type Served } from "../server/serve.js";
import { authApp } from "../server/apps/auth.js";
import { catalogApp } from "../server/apps/catalog.js";
import { feedApp } from "../server/apps/feed.js";
import { hardeningApp } from "../server/apps/hardening.js";
import { hostileApp } from "../server/apps/hostile.js";
import { idempotencyApp } from "../server/apps/idempotency.js";
import { limitsApp } from "../server/apps/limits.js";
import { multiFileApp } from "../server/apps/multi-file.js";
import { pathsApp } from "../server/apps/paths.js";
import { paymentsApp } from "../server/apps/payments.js";
import { petstoreApp } from "../server/apps/petstore.js";
import { recursiveApp } from "../server/apps/recursive.js";
import { usersApp } from "../server/apps/users.js";
import { validationApp } from "../server/apps/validation.js";
import { RouteTable } from "../golden/hardening/runtime/server/routes.js";
import type { OperationContract } from "../golden/hardening/runtime/contract.js";

export const APPS: Readonly<Record<string, FixtureApp>> = {
  auth: authApp,
  catalog: catalogApp,
  feed: feedApp,
  hardening: hardeningApp,
  hostile: hostileApp,
  idempotency: idempotencyApp,
  limits: limitsApp,
  "multi-file": multiFileApp,
  paths: pathsApp,
  payments: paymentsApp,
  petstore: petstoreApp,
  recursive: recursiveApp,
  users: usersApp,
  validation: validationApp,
};

export type Route = OperationContract & { id: string };

/** One fixture's generated server, running, with what the properties need to judge its replies. */
export interface Target {
  name: string;
  app: FixtureApp;
  url: string;
  routes: RouteTable<Route>;
  /** Per operation: the statuses its contract declares (`200`, `4XX`, `default`) and those the server implies. */
  declared: ReadonlyMap<string, ReadonlySet<string>>;
  implied: ReadonlyMap<string, ReadonlySet<number>>;
  /** Everything `onError` was told, with the request id it was told of. */
  errors: Array<{ error: unknown; requestId: string }>;
  close(): Promise<void>;
}

/** Starts every fixture's generated server (the golden output) on a free port. */
export async function startTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  for (const [name, spec] of VALID_FIXTURES) {
    const app = APPS[name];
    if (app === undefined) throw new Error(`no fuzz app for fixture ${name}`);
    const model = buildModel(await loadSpec(join(ROOT, spec), { allowRemote: false }));
    const operations = app.operations as Record<string, OperationContract>;
    const errors: Target["errors"] = [];
    const served: Served = await serve(app.handler({ onError: (error, context) => errors.push({ error, requestId: context.requestId }) }));
    targets.push({
      name,
      app,
      url: served.url,
      routes: new RouteTable(Object.entries(operations).map(([id, operation]) => ({ ...operation, id })), model.basePath),
      declared: new Map(Object.entries(operations).map(([id, operation]) => [id, new Set(Object.keys(operation.responses).map((key) => key.toUpperCase()))])),
      implied: new Map(model.operations.map((operation) => [operation.id, new Set(operation.impliedStatuses.map(({ status }) => status))])),
      errors,
      close: () => served.close(),
    });
  }
  return targets;
}
