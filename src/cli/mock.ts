import type { AddressInfo } from "node:net";
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
  allowRemote?: boolean;
  allowRemoteRefs?: boolean;
  quiet?: boolean;
}

/**
 * `codegen mock <spec>`: serves the contract until interrupted (then resolves 0). Answers come
 * from its examples or are drawn from its schemas; requests go through the generated server's
 * pipeline.
 */
export async function mockCommand(spec: string | undefined, options: MockCommandOptions, print: Printer): Promise<number> {
  if (spec === undefined) throw new CodegenError("codegen mock needs a spec", { hint: "codegen mock openapi.yaml [--port 4010]" });
  const port = whole(options.port ?? "4010", "--port", 0, 65535);
  const seed = whole(options.seed ?? "1", "--seed", 0, 2 ** 32 - 1);
  const bodyLimit = options.bodyLimit === undefined ? undefined : whole(options.bodyLimit, "--body-limit", 1, 2 ** 31);
  const started = performance.now();
  const { model } = await loadModel({ spec, allowRemote: options.allowRemote === true || options.allowRemoteRefs === true });
  const { server, operations } = await createMockServer(model, {
    seed,
    auth: options.auth,
    bodyLimit,
    onUnservedPattern: (pattern) => print.err(`mock: no string could be drawn for the pattern ${JSON.stringify(pattern)}; answers that need one come from examples or are a 500 saying so`),
    onError: (error) => print.err(`mock: ${error instanceof Error ? error.message : String(error)}`),
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      failed(new CodegenError(`cannot listen on ${options.host ?? "127.0.0.1"}:${port}: ${error.code ?? error.message}`, { hint: "choose another --port (0 picks a free one) or --host" })),
    );
    server.listen(port, options.host ?? "127.0.0.1", () => listening());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (options.quiet !== true) {
    print.out(`codegen mock: ${model.title} ${model.version}, ${operations} operations at ${url}${model.basePath} · seed ${seed} · ready in ${Math.round(performance.now() - started)} ms`);
    print.out(`  docs ${url}/docs/ · contract ${url}/openapi.json · Ctrl-C to stop`);
  }
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

function whole(text: string, option: string, low: number, high: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < low || value > high) {
    throw new CodegenError(`${option} must be a whole number from ${low} to ${high}, not ${JSON.stringify(text)}`, { hint: `e.g. ${option} ${option === "--port" ? "4010" : "42"}` });
  }
  return value;
}
