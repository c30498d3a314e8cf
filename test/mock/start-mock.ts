import type { AddressInfo } from "node:net";
import type { ApiModel } from "../../src/ir/model.js";
import { createMockServer } from "../../src/mock/server.js";

export interface RunningMock {
  url: string;
  /** The mock's own reports: patterns it could not draw for, and unexpected errors. */
  reports: string[];
  close(): Promise<void>;
}

/** `codegen mock` in this process, on a free port: what the CLI serves, without the CLI. */
export async function startMock(model: ApiModel, options: { seed?: number; auth?: string; bodyLimit?: number } = {}): Promise<RunningMock> {
  const reports: string[] = [];
  const { server } = await createMockServer(model, {
    seed: options.seed ?? 1,
    auth: options.auth,
    bodyLimit: options.bodyLimit,
    onUnservedPattern: (pattern) => reports.push(`unserved pattern ${pattern}`),
    onError: (error) => reports.push(`error ${error instanceof Error ? error.stack : String(error)}`),
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", () => ready()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reports,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
