import { describe, expect, it } from "vitest";
import type { OperationContract, ParameterContract } from "../../../templates/runtime/contract.js";
import { PREBUILD_SLICE_MS, PREBUILD_STARTUP_MS, prebuildValidators, type Schedule } from "../../../templates/runtime/server/prebuild.js";
import { toRoutes, type Route } from "../../../templates/runtime/server/route.js";
import type { ContractValidators } from "../../../templates/runtime/server/validation.js";

const parameter = (name: string, location: ParameterContract["in"]): ParameterContract => ({ name, in: location, required: false, style: "form", explode: true, shape: "scalar" });
const operation = (overrides: Partial<OperationContract>): OperationContract => ({
  method: "GET",
  path: "/things",
  tags: [],
  parameters: [],
  requestBody: null,
  responses: {},
  security: [],
  deprecated: false,
  rateLimits: [],
  ...overrides,
});
const OPERATIONS = {
  createThing: operation({
    method: "POST",
    parameters: [parameter("id", "path"), parameter("q", "query")],
    requestBody: { required: true, contentTypes: ["application/json", "application/x-www-form-urlencoded"] },
    responses: { "201": ["application/json"] },
  }),
  listThings: operation({ responses: { "200": ["text/csv", "application/problem+json"], "4XX": ["application/json"], default: [] } }),
};

/** Routes whose validators record each build (`work` runs in each). */
function recordingRoutes(work: (name: string) => void = () => {}): { routes: Route[]; built: string[] } {
  const built: string[] = [];
  const build = (name: string) => {
    work(name);
    built.push(name);
    return undefined;
  };
  const validators = {
    forOperation: (id: string) => ({
      parameters: (location: string) => build(`${id} ${location}`),
      body: (mediaType: string) => build(`${id} body ${mediaType}`),
      response: (key: string, mediaType: string) => build(`${id} ${key} ${mediaType}`),
    }),
  } as unknown as ContractValidators;
  return { routes: toRoutes(OPERATIONS, {}, validators), built };
}

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("validators built ahead", () => {
  it("are every one a request asks for, and the responses' only with validateResponses", async () => {
    const requests = recordingRoutes();
    await prebuildValidators(requests.routes, false);
    expect(requests.built).toEqual(["createThing path", "createThing query", "createThing body application/json", "createThing body application/x-www-form-urlencoded"]);
    const all = recordingRoutes();
    await prebuildValidators(all.routes, true);
    // Each response by the media type it goes out as: the first JSON one, else the first declared.
    expect(all.built.slice(4)).toEqual(["createThing 201 application/json", "listThings 200 application/problem+json", "listThings 4XX application/json", "listThings default application/json"]);
  });

  it("are built before the server can listen when they take no longer than the startup budget", () => {
    const { routes, built } = recordingRoutes();
    void prebuildValidators(routes, true);
    // Nothing has had a turn of the event loop yet: every one was built at once.
    expect(built).toHaveLength(8);
  });

  it("past the startup budget, are left for the background", async () => {
    const { routes, built } = recordingRoutes(() => busy(PREBUILD_STARTUP_MS / 2 + 1));
    const done = prebuildValidators(routes, true);
    // One is always built at once, and no third once two have taken the budget.
    expect(built.length).toBeGreaterThanOrEqual(1);
    expect(built.length).toBeLessThanOrEqual(2);
    await done;
    expect(built).toHaveLength(8);
  });

  it("in the background are built a few milliseconds at a time, with the event loop's other work in between", async () => {
    const { routes, built } = recordingRoutes(() => busy(PREBUILD_SLICE_MS + 1));
    const seen: number[] = [];
    const other = setInterval(() => seen.push(built.length), 0);
    await prebuildValidators(routes, true, { startupMs: 0 });
    clearInterval(other);
    expect(built).toHaveLength(8);
    // Other work ran while some were built and others were not yet.
    expect(seen.some((count) => count > 0 && count < 8)).toBe(true);
  });

  it("go on past one that fails to build, which is left for its request", async () => {
    const { routes, built } = recordingRoutes((name) => {
      if (name === "createThing query") throw new SyntaxError("a pattern that does not compile");
    });
    await expect(prebuildValidators(routes, false)).resolves.toBeUndefined();
    expect(built).toEqual(["createThing path", "createThing body application/json", "createThing body application/x-www-form-urlencoded"]);
  });

  it("are not built where the runtime allows no timer (a Worker's global scope), and nothing is thrown", async () => {
    const { routes, built } = recordingRoutes();
    const refused: Schedule = () => {
      throw new Error("Disallowed operation called within global scope.");
    };
    await expect(prebuildValidators(routes, true, { schedule: refused })).resolves.toBeUndefined();
    expect(built).toEqual([]);
  });
});
