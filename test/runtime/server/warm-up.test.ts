import { beforeEach, expect, it, vi } from "vitest";

/** The runtime's modules afresh, so each test sees a process that has made no pipeline yet. */
async function freshRuntime() {
  vi.resetModules();
  const warmUp = await import("../../../templates/runtime/server/warm-up.js");
  const handle = await import("../../../templates/runtime/server/handle.js");
  const users = await import("../../golden/users/server/router.js");
  return { ...warmUp, ...handle, ...users };
}

/** Every promise settled (the warm-up runs on promises alone). */
const settled = () => new Promise((done) => setImmediate(done));

const calls: string[] = [];
const spies = () => ({
  handlers: new Proxy({}, { get: (_, name) => () => (calls.push(`handler ${String(name)}`), { status: 500, body: undefined }) }),
  auth: { bearerAuth: () => (calls.push("verifier"), { id: "x" }) },
  onError: (error: unknown) => calls.push(`onError ${String(error)}`),
});

beforeEach(() => {
  calls.length = 0;
});

it("the first pipeline made runs the stand-in requests through the whole path: a valid POST and GET, two refusals", async () => {
  const { warmUp, createPipeline } = await freshRuntime();
  const made: string[] = [];
  const statuses = await warmUp((contract, handlers, verifiers, options) => {
    made.push(Object.keys(contract.operations).join(","));
    return createPipeline(contract, handlers, verifiers, options);
  });
  expect(made).toEqual(["createThing,getThing"]);
  // 201 with a body validated; 200 with path, query and header parameters coerced; 400 for an
  // id that is not an integer and for a body that breaks four keywords (length, bound, enum, extra property).
  expect(statuses).toEqual([201, 200, 400, 400]);
  // Once per process: a second pipeline runs nothing more.
  expect(warmUp(createPipeline)).toBeUndefined();
});

it("calls none of the caller's handlers, verifiers or onError, and leaves their first request to them", async () => {
  const { createRequestHandler } = await freshRuntime();
  const { handlers, auth, onError } = spies();
  const handle = createRequestHandler(handlers as never, { auth, onError });
  await settled();
  expect(calls).toEqual([]);
  const response = await handle({ method: "GET", path: "/v1/users/7", query: "", headers: { authorization: "Bearer t" }, body: { async *[Symbol.asyncIterator]() {} } });
  // The caller's first request reaches its own verifier and handler, once each, and nothing else.
  expect(calls).toEqual(["verifier", "handler getUser"]);
  expect(response?.status).toBe(500);
});
