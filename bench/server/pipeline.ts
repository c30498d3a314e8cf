/**
 * The request pipeline alone, in process, without HTTP: `GET /v1/customers/{customer}` handled
 * by Stripe's generated server (`stripe-468` or `stripe-1`, made by run.ts), after a warm-up.
 * Prints `<µs per request> <MiB of heap used>`.
 */
import { OUTPUTS } from "./servers.js";

const kind = process.argv[2] ?? "stripe-1";
const server = (await import(`${OUTPUTS}${kind}/server/index.js`)) as {
  createRequestHandler: (handlers: object, options: object) => (request: object) => Promise<{ status: number } | undefined>;
};
/** Every operation answers an empty 200, and every credential is accepted. */
const standIn = (value: unknown) => new Proxy({}, { get: () => value, has: () => true, getOwnPropertyDescriptor: () => ({ value, enumerable: true, configurable: true }) });
const handle = server.createRequestHandler(standIn(() => ({ status: 200, body: {} })), { auth: standIn(() => ({ id: "bench" })) });
const request = () => ({
  method: "GET",
  path: "/v1/customers/bench_1",
  query: "",
  headers: { authorization: "Bearer sk_test_bench" },
  body: (async function* () {})(),
});
for (let index = 0; index < 20_000; index++) await handle(request());
const count = 100_000;
const began = performance.now();
for (let index = 0; index < count; index++) {
  const response = await handle(request());
  if (response?.status !== 200) throw new Error(`status ${response?.status}`);
}
console.log(`${(((performance.now() - began) / count) * 1000).toFixed(2)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}`);
