/**
 * The request pipeline alone, in process, without HTTP: GETs handled by Stripe's generated server
 * (`stripe-468`, `stripe-requested` or `stripe-1`, made by run.ts), after a warm-up, the paths
 * given (comma-separated) requested in turn. Prints `<µs per request> <MiB of heap used>`.
 */
import { OUTPUTS } from "./paths.js";

const kind = process.argv[2] ?? "stripe-1";
const paths = (process.argv[3] ?? "/v1/customers/bench_1").split(",");
const server = (await import(`${OUTPUTS}${kind}/server/index.js`)) as {
  createRequestHandler: (handlers: object, options: object) => (request: object) => Promise<{ status: number } | undefined>;
};
/** Every operation answers an empty 200, and every credential is accepted. */
const standIn = (value: unknown) => new Proxy({}, { get: () => value, has: () => true, getOwnPropertyDescriptor: () => ({ value, enumerable: true, configurable: true }) });
const handle = server.createRequestHandler(standIn(() => ({ status: 200, body: {} })), { auth: standIn(() => ({ id: "bench" })) });
/** A GET sends no body; one empty stream stands for every request's (a new generator each time would be garbage the server never made). */
const NO_BODY = { async *[Symbol.asyncIterator]() {} };
/** Each request's path is a string of its own, as one parsed from a request line is. */
const request = (index: number) => ({
  method: "GET",
  path: ` ${paths[index % paths.length] ?? ""}`.slice(1),
  query: "",
  headers: { authorization: "Bearer sk_test_bench" },
  body: NO_BODY,
});
for (let index = 0; index < 20_000; index++) await handle(request(index));
const count = 100_000;
const began = performance.now();
for (let index = 0; index < count; index++) {
  const response = await handle(request(index));
  if (response?.status !== 200) throw new Error(`status ${response?.status} for ${paths[index % paths.length]}`);
}
console.log(`${(((performance.now() - began) / count) * 1000).toFixed(2)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}`);
