import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { CONFIG_FILE, findConfigFile, readConfigFile } from "../config/config-file.js";
import { isUrl, resolveApi, resolveRuntime, type ApiOptions, type RunConfig } from "../config/resolve-config.js";
import { displayPath } from "../display-path.js";
import { checkCommand } from "./check.js";
import { diffCommand, DIFF_FORMATS, type DiffCommandOptions } from "./diff.js";
import { CodegenError } from "../errors.js";
import { reportError } from "./errors.js";
import { generateCommand } from "./generate.js";
import { mockCommand, type MockCommandOptions } from "./mock.js";
import { consolePrinter, type Printer } from "./output.js";
import { validateCommand } from "./validate.js";
import { watchCommand } from "./watch.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

interface CommonOptions extends ApiOptions {
  config?: string;
  runtime?: string;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  strict?: boolean;
  watch?: boolean;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 stale output, 2 bad usage or spec. Never exits (but `--watch` runs until interrupted). */
export async function run(argv: readonly string[], print: Printer = consolePrinter): Promise<number> {
  let exitCode = 0;
  let debug = argv.includes("--debug");
  const program = buildProgram(print, async (action, options) => {
    debug = options.debug === true;
    exitCode = await action();
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportError(error, print, debug);
  }
}

type Runner = (action: () => Promise<number>, options: CommonOptions) => Promise<void>;

function buildProgram(print: Printer, runAction: Runner): Command {
  const program = new Command("codegen")
    .description("Generate typed TypeScript (types, a client SDK, a server on Express, Fastify, Hono or Node http) from an OpenAPI 3.0/3.1 or Swagger 2.0 document.")
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => print.out(text.replace(/\n$/, "")),
      writeErr: (text) => print.err(text.replace(/\n$/, "")),
    })
    .showHelpAfterError("(run codegen --help for usage)");

  withOutputOptions(
    withCommonOptions(
      program
        .command("generate", { isDefault: true })
        .description("write the generated code (the default command); without <spec>, every API of the config file"),
    ),
  )
    .option("--scaffold <dir>", "also write starting handler files into <dir> (never overwriting one)")
    .option("--watch", "regenerate whenever the spec, a file it $refs or the config file changes")
    .action((spec: string | undefined, options: CommonOptions) =>
      runAction(() => (options.watch === true ? watchCommand(() => watchedRun(spec, options), print) : generateCommand(runConfig(spec, options), print)), options),
    );

  withOutputOptions(withCommonOptions(program.command("check").description("exit 1 when the generated code is stale"))).action(
    (spec: string | undefined, options: CommonOptions) => runAction(() => checkCommand(runConfig(spec, options), print), options),
  );

  withCommonOptions(program.command("validate").description("check the document and report what codegen infers"))
    .option("--strict", "exit 1 when an operation does not declare a status its server may send")
    .action((spec: string | undefined, options: CommonOptions) =>
      runAction(() => validateCommand({ ...runConfig(spec, { ...options, validateOnly: true }), strict: options.strict === true }, print), options),
    );
  program
    .command("diff")
    .description("compare two versions of the contract and classify every change; exit 1 on a change --fail-on lists")
    .argument("[base]", "the earlier contract: a file, -, an http(s) URL (with --allow-remote) or git:<rev>:<path>")
    .argument("[head]", "the later contract, in the same forms")
    .option("--base <rev>", "compare every API of the config file at git revision <rev> with the working tree")
    .option("-c, --config <file>", `the config file, with --base (default: ${CONFIG_FILE})`)
    .option("-f, --format <format>", `output: ${DIFF_FORMATS.join(", ")} (default: human)`)
    .option("--fail-on <severities>", "exit 1 when a change has one of these severities: breaking, policy, sdk, notice, safe, or none", "breaking,policy,sdk")
    .option("--now <date>", "the date a past x-sunset is judged against (default: today)")
    .option("--allow-remote", "fetch http(s) specs and $refs to http(s) URLs")
    .option("--allow-remote-refs", "the same as --allow-remote")
    .option("--quiet", "print nothing in the human format; only the exit code tells")
    .option("--verbose", "list safe changes too (they are always counted)")
    .option("--debug", "print stack traces with errors")
    .exitOverride()
    .action((base: string | undefined, head: string | undefined, options: DiffCommandOptions & CommonOptions) =>
      runAction(() => diffCommand(base, head, options, print), options),
    );
  program
    .command("mock")
    .description("serve the contract: requests checked as the generated server checks them, answers from its examples or drawn from its schemas, /docs and /openapi.json")
    .argument("[spec]", "OpenAPI document: a file, - for standard input, or an http(s) URL (with --allow-remote); without it, the config file's APIs")
    .option("-p, --port <port>", "port to listen on (0: any free one; default 4010)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option("--seed <n>", "seed of the drawn answers: one seed and one request, one answer (default 1)")
    .option("-c, --config <file>", `without a spec, serve every API of this config file (default: ${CONFIG_FILE}), each on its mock.port or 4010, 4011, …`)
    .option("--auth <credential>", "the only credential security schemes accept (user:password for basic); default: any")
    .option("--body-limit <bytes>", "largest request body accepted (413 past it); default 1 MiB")
    .option("--allow-remote", "fetch an http(s) spec and $refs to http(s) URLs")
    .option("--allow-remote-refs", "the same as --allow-remote")
    .option("--quiet", "print nothing but errors")
    .option("--debug", "print stack traces with errors")
    .exitOverride()
    .action((spec: string | undefined, options: MockCommandOptions & CommonOptions) => runAction(() => mockCommand(spec, options, print), options));
  return program;
}

function withCommonOptions(command: Command): Command {
  return command
    .argument("[spec]", "OpenAPI document: a file, - for standard input, or an http(s) URL (with --allow-remote)")
    .option("-c, --config <file>", `the config file, when no spec is given (default: ${CONFIG_FILE})`)
    .option("--allow-remote", "fetch an http(s) spec and $refs to http(s) URLs (off: the tool never fetches)")
    .option("--allow-remote-refs", "the same as --allow-remote")
    .option("--quiet", "print nothing but errors")
    .option("--verbose", "list every policy and undeclared status, not only the first ones")
    .option("--debug", "print stack traces with errors")
    .exitOverride();
}

function withOutputOptions(command: Command): Command {
  return command
    .option("-o, --out <dir>", "output folder, e.g. src/api")
    .option("-t, --target <list>", "what to generate: any of types,client,server,mocks (default: types,client,server; mocks: MSW handlers)")
    .option("-s, --server <name>", "the server's framework: express (default), fastify, hono or node")
    .option("--import-extension <ext>", "extension of relative imports: js (tsc, bundlers; the default) or ts (Node's type stripping)")
    .option("--runtime <dir>", "one runtime folder for outputs to share, outside the output folder")
    .option("--docs", "let the server serve GET /openapi.json and GET /docs/ (its docs: true option; needs swagger-ui-dist)");
}

/** The run `--watch` repeats: only files can be watched, so standard input and URLs are refused. */
function watchedRun(spec: string | undefined, options: CommonOptions): RunConfig {
  const run = runConfig(spec, options);
  const unwatchable = run.apis.find((api) => api.spec === "-" || isUrl(api.spec));
  if (unwatchable !== undefined) {
    throw new CodegenError(`--watch cannot watch ${unwatchable.spec === "-" ? "standard input" : unwatchable.spec}`, {
      ...(unwatchable.origin === undefined ? {} : { location: unwatchable.origin }),
      hint: "save the spec to a file and watch that, or generate once without --watch",
    });
  }
  return run;
}

/** The run a command line asks for: the spec it names, or every API of the config file. */
function runConfig(spec: string | undefined, options: CommonOptions): RunConfig {
  const common = { quiet: options.quiet === true, verbose: options.verbose === true };
  if (spec === undefined) {
    const file = findConfigFile(options.config);
    const { apis, runtimeDir } = readConfigFile(file);
    const command = options.config === undefined ? "codegen" : `codegen --config ${displayPath(file)}`;
    return { apis, runtimeDir, ...common, command, configFile: file };
  }
  if (options.config !== undefined) {
    throw new CodegenError("both a spec and --config were given", { hint: "pass a spec with -o, or --config alone to run every API in it" });
  }
  const cwd = process.cwd();
  const api = resolveApi(spec, options, cwd);
  const apis = [api];
  const runtimeDir = options.validateOnly === true ? undefined : resolveRuntime(options.runtime, cwd, apis);
  const flags = [
    options.target === undefined ? "" : ` --target ${[...api.targets].join(",")}`,
    api.server === "express" ? "" : ` --server ${api.server}`,
    api.extension === ".ts" ? " --import-extension ts" : "",
    options.runtime === undefined ? "" : ` --runtime ${displayPath(runtimeDir ?? options.runtime)}`,
    api.docs ? " --docs" : "",
  ].join("");
  return { apis, runtimeDir, ...common, configFile: undefined, command: `codegen ${spec === "-" ? "-" : displayPath(api.spec)} -o ${displayPath(api.outDir)}${flags}` };
}

/** The entry point: the only place that exits the process. */
export function main(argv: readonly string[]): void {
  run(argv.slice(2)).then(
    (code) => exitAfterOutput(code),
    (error: unknown) => {
      process.stderr.write(`error: ${String(error)}\n`);
      exitAfterOutput(2);
    },
  );
}

/** Exits once everything written to stdout and stderr has gone out (a pipe may still hold some). */
function exitAfterOutput(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
