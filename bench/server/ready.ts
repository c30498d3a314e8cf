/**
 * Starts a generated Express server with nothing else loaded, as a user's server starts (Node,
 * Express and the generated modules), sends it one request, and prints when it listened and when
 * the answer arrived, in ms from the process's start: `ready <ms> answered <ms>`.
 *   node .tmp/bench-server/ready.mjs <output folder> <request path>
 * `serve.ts` loads no other server's packages either, but its timing starts a bundle of the bench's
 * own modules; this one starts nothing but the server.
 */
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { anyCredential, anyOperation } from "./stripe-handlers.js";

const [folder = "", path = "/"] = process.argv.slice(2);
const server = (await import(`${folder}/server/index.js`)) as { createRouter: (handlers: object, options: object) => express.Router };
const listening = express().use(server.createRouter(anyOperation, { auth: anyCredential })).listen(0, "127.0.0.1");
await new Promise((resolve) => listening.once("listening", resolve));
const ready = performance.now();
const { port } = listening.address() as AddressInfo;
const status = await new Promise<number | undefined>((resolve, reject) => {
  http.get({ host: "127.0.0.1", port, path, headers: { authorization: "Bearer sk_test_bench" } }, (response) => {
    response.resume();
    response.on("end", () => resolve(response.statusCode));
  }).on("error", reject);
});
if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
console.log(`ready ${ready.toFixed(1)} answered ${performance.now().toFixed(1)}`);
process.exit(0);
