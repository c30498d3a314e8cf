import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { findConfigFile, readConfigFile } from "../config/config-file.js";
import type { MockSettings } from "../config/resolve-config.js";
import { CodegenError } from "../errors.js";
import { createMockServer } from "../mock/server.js";
import { loadModel } from "../pipeline.js";
import type { Printer } from "./output.js";

export interface MockCommandOptions {
  port?: string;
  host?: string;
  seed?: string;
  auth?: string;
  bodyLimit?: string;
  config?: string;
  allowRemote?: boolean;
  allowRemoteRefs?: boolean;
  quiet?: boolean;
}

/** The first port `codegen mock` listens on (Prism's): the config file's APIs take 4010, 4011, … */
const FIRST_PORT = 4010;

/**
 * `codegen mock [spec]`: serves the contract until interrupted (then resolves 0); without a spec,
 * every API of the config file, each on its `mock.port` (or 4010, 4011, … in order). Answers come
 * from examples or are drawn from schemas; requests go through the generated server's pipeline.
 */
export async function mockCommand(spec: string | undefined, options: MockCommandOptions, print: Printer): Promise<number> {
  const bodyLimit = options.bodyLimit === undefined ? undefined : whole(options.bodyLimit, "--body-limit", 1, 2 ** 31);
  const allowRemote = options.allowRemote === true || options.allowRemoteRefs === true;
  const served =
    spec !== undefined
      ? [{ spec, allowRemote, settings: settingsFrom(options) }]
      : readConfigFile(findConfigFile(options.config)).apis.map((api, index) => ({
          spec: api.spec,
          allowRemote: api.allowRemote,
          settings: { ...api.mock, port: api.mock?.port ?? FIRST_PORT + index },
        }));
  const servers: Server[] = [];
  try {
    for (const api of served) servers.push(await serve(api.spec, api.allowRemote, { ...api.settings, bodyLimit }, options.quiet === true, print));
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }
  if (options.quiet !== true) print.out("Ctrl-C to stop");
  await new Promise<void>((done) => {
    const stop = () => {
      let open = servers.length;
      for (const server of servers) server.close(() => (--open === 0 ? done() : undefined));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

function settingsFrom(options: MockCommandOptions): MockSettings {
  return {
    port: whole(options.port ?? String(FIRST_PORT), "--port", 0, 65535),
    seed: whole(options.seed ?? "1", "--seed", 0, 2 ** 32 - 1),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  };
}

/** Loads one spec and serves it; resolves once it listens, printing where. */
async function serve(spec: string, allowRemote: boolean, settings: MockSettings & { bodyLimit: number | undefined }, quiet: boolean, print: Printer): Promise<Server> {
  const started = performance.now();
  const seed = settings.seed ?? 1;
  const host = settings.host ?? "127.0.0.1";
  const port = settings.port ?? FIRST_PORT;
  const { model } = await loadModel({ spec, allowRemote });
  const { server, operations } = await createMockServer(model, {
    seed,
    auth: settings.auth,
    bodyLimit: settings.bodyLimit,
    onUnservedPattern: (pattern) => print.err(`mock: no string could be drawn for the pattern ${JSON.stringify(pattern)}; answers that need one come from examples or are a 500 saying so`),
    onError: (error) => print.err(`mock: ${error instanceof Error ? error.message : String(error)}`),
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      failed(new CodegenError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { hint: "choose another --port (0 picks a free one) or --host" })),
    );
    server.listen(port, host, () => listening());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  if (!quiet) {
    print.out(`codegen mock: ${model.title} ${model.version}, ${operations} operations at ${url}${model.basePath} · seed ${seed} · ready in ${Math.round(performance.now() - started)} ms`);
    print.out(`  docs ${url}/docs/ · contract ${url}/openapi.json`);
  }
  return server;
}

function whole(text: string, option: string, low: number, high: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < low || value > high) {
    throw new CodegenError(`${option} must be a whole number from ${low} to ${high}, not ${JSON.stringify(text)}`, { hint: `e.g. ${option} ${option === "--port" ? "4010" : "42"}` });
  }
  return value;
}
