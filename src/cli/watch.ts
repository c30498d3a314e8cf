import { watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";
import type { RunConfig } from "../config/resolve-config.js";
import { displayPath } from "../display-path.js";
import { generate } from "./generate.js";
import { reportError } from "./errors.js";
import type { Printer } from "./output.js";

/** How long changes settle before regenerating, in milliseconds (an editor's save is often several events). */
export const WATCH_DEBOUNCE_MS = 150;

/**
 * `codegen --watch`: generates, then regenerates whenever the config file, a spec or a file a
 * spec `$ref`s changes (debounced), printing the summary or the error and watching on after
 * errors (but the options must hold at the start, and the specs be files). Folders are watched rather than files, so an editor that saves by replacing the file
 * is seen too. Runs until the process is interrupted; then resolves 0.
 */
export async function watchCommand(makeRun: () => RunConfig, print: Printer): Promise<number> {
  // The options must hold to begin with (a missing config file, an unwatchable spec: exit 2);
  // after that, any error is printed and watching goes on.
  const first = makeRun();
  let watched = new Set<string>([...(first.configFile === undefined ? [] : [first.configFile]), ...first.apis.map((api) => api.spec)]);
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const generateOnce = async () => {
    const files = new Set<string>(watched);
    try {
      const run = makeRun();
      if (run.configFile !== undefined) files.add(run.configFile);
      for (const api of run.apis) files.add(api.spec);
      const rendered = await generate(run, print);
      // What the specs are read from now: files no spec reads any more are dropped.
      watched = new Set([...(run.configFile === undefined ? [] : [run.configFile]), ...rendered.flatMap((entry) => entry.specFiles)]);
    } catch (error) {
      reportError(error, print, false);
      watched = files;
    }
    for (const dir of new Set([...watched].map((file) => dirname(file)))) {
      if (watchers.has(dir)) continue;
      const watcher = watch(dir, (_event, name) => {
        if (name !== null && watched.has(resolve(dir, name.toString()))) schedule(resolve(dir, name.toString()));
      });
      watcher.on("error", () => undefined);
      watchers.set(dir, watcher);
    }
    print.out(`watching ${watched.size} file${watched.size === 1 ? "" : "s"} for changes (Ctrl-C to stop)`);
  };

  const schedule = (file: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      print.out(`changed: ${displayPath(file)}`);
      running = running.then(generateOnce);
    }, WATCH_DEBOUNCE_MS);
  };

  running = generateOnce();
  await running;
  await new Promise<void>((done) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      done();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
