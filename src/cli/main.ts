import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { resolveConfig, resolveSpecPath, type RawOptions } from "../config/resolve-config.js";
import { checkCommand } from "./check.js";
import { CodegenError } from "../errors.js";
import { formatError } from "./errors.js";
import { generateCommand } from "./generate.js";
import { consolePrinter, type Printer } from "./output.js";
import { validateCommand } from "./validate.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

interface CommonOptions extends RawOptions {
  debug?: boolean;
  strict?: boolean;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 stale output, 2 bad usage or spec. Never exits. */
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
    if (error instanceof CodegenError) {
      print.err(formatError(error));
      if (debug) print.err(String(error.stack) + (error.cause instanceof Error ? `\ncaused by: ${error.cause.stack}` : ""));
      return error.exitCode;
    }
    print.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    print.err(debug ? String((error as Error).stack) : "  this is a bug in codegen; run with --debug for details and report it");
    return 2;
  }
}

type Runner = (action: () => Promise<number>, options: CommonOptions) => Promise<void>;

function buildProgram(print: Printer, runAction: Runner): Command {
  const program = new Command("codegen")
    .description("Generate a typed Express server and client SDK from an OpenAPI 3.0/3.1 document.")
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => print.out(text.replace(/\n$/, "")),
      writeErr: (text) => print.err(text.replace(/\n$/, "")),
    })
    .showHelpAfterError("(run codegen --help for usage)");

  withCommonOptions(
    program.command("generate", { isDefault: true }).description("write the generated code (the default command)"),
  )
    .argument("<spec>", "OpenAPI document (YAML or JSON)")
    .option("-o, --out <dir>", "output folder, e.g. src/api")
    .option("--scaffold <dir>", "also write starting handler files into <dir> (never overwriting one)")
    .action((spec: string, options: CommonOptions) =>
      runAction(() => generateCommand(resolveConfig(spec, options), print), options),
    );

  withCommonOptions(program.command("check").description("exit 1 when the generated code in <dir> is stale"))
    .argument("<spec>", "OpenAPI document (YAML or JSON)")
    .option("-o, --out <dir>", "output folder to compare with")
    .action((spec: string, options: CommonOptions) =>
      runAction(() => checkCommand(resolveConfig(spec, options), print), options),
    );

  withCommonOptions(program.command("validate").description("check the document and report what codegen infers"))
    .argument("<spec>", "OpenAPI document (YAML or JSON)")
    .option("--strict", "exit 1 when an operation does not declare a status its server may send")
    .action((spec: string, options: CommonOptions) =>
      runAction(
        () =>
          validateCommand(
            {
              specPath: resolveSpecPath(spec),
              allowRemoteRefs: options.allowRemoteRefs === true,
              quiet: options.quiet === true,
              verbose: options.verbose === true,
              strict: options.strict === true,
            },
            print,
          ),
        options,
      ),
    );
  return program;
}

function withCommonOptions(command: Command): Command {
  return command
    .option("--allow-remote-refs", "resolve $refs to http(s) URLs (off: the tool never fetches)")
    .option("--quiet", "print nothing but errors")
    .option("--verbose", "list each operation's undeclared statuses, not only their count")
    .option("--debug", "print stack traces with errors")
    .exitOverride();
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
