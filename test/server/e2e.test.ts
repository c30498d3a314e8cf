import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type FixtureApp, type Served } from "./serve.js";
import { authApp } from "./apps/auth.js";
import { catalogApp } from "./apps/catalog.js";
import { feedApp } from "./apps/feed.js";
import { hardeningApp } from "./apps/hardening.js";
import { hostileApp } from "./apps/hostile.js";
import { idempotencyApp } from "./apps/idempotency.js";
import { limitsApp } from "./apps/limits.js";
import { multiFileApp } from "./apps/multi-file.js";
import { pathsApp } from "./apps/paths.js";
import { paymentsApp } from "./apps/payments.js";
import { petstoreApp } from "./apps/petstore.js";
import { recursiveApp } from "./apps/recursive.js";
import { usersApp } from "./apps/users.js";
import { validationApp } from "./apps/validation.js";
import { VALID_FIXTURES } from "../helpers.js";

/** Every fixture's generated server (the golden output), called over real HTTP for every operation. */
const APPS: ReadonlyArray<[string, FixtureApp]> = [
  ["auth", authApp],
  ["catalog", catalogApp],
  ["feed", feedApp],
  ["hardening", hardeningApp],
  ["hostile", hostileApp],
  ["idempotency", idempotencyApp],
  ["limits", limitsApp],
  ["multi-file", multiFileApp],
  ["paths", pathsApp],
  ["payments", paymentsApp],
  ["petstore", petstoreApp],
  ["recursive", recursiveApp],
  ["users", usersApp],
  ["validation", validationApp],
];

it("covers every valid fixture", () => {
  expect(APPS.map(([name]) => name)).toEqual(VALID_FIXTURES.map(([name]) => name).sort());
});

describe.each(APPS)("the generated server for %s", (_fixture, app) => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(app.handler());
  });
  afterAll(() => server.close());

  it("has a call for every operation", () => {
    expect(new Set(app.calls.map((call) => call.operation))).toEqual(new Set(Object.keys(app.operations)));
  });

  it.each(app.calls.map((call) => [`${call.method} ${call.operation} → ${call.status}`, call] as const))(
    "%s returns the handler's result",
    async (_name, call) => {
      const reply = await send(server.url, call);
      expect(reply.status, reply.text).toBe(call.status);
      expect(reply.headers["x-request-id"]).toMatch(/^[\w.:@+=/-]{1,128}$/);
      if (call.response !== undefined) expect(reply.json()).toEqual(call.response);
      else if (call.text !== undefined) expect(reply.text).toBe(call.text);
      else expect(reply.text).toBe("");
    },
  );
});
