import { findConfigFile, readConfigFile } from "../config/config-file.js";
import { isUrl } from "../config/resolve-config.js";
import { displayPath } from "../display-path.js";
import { diffModels } from "../diff/diff-models.js";
import { loadSide } from "../diff/load-side.js";
import { formatGithub } from "../diff/report/github.js";
import { formatHuman } from "../diff/report/human.js";
import { formatJson } from "../diff/report/json.js";
import { formatMarkdown } from "../diff/report/markdown.js";
import type { DiffReport, FormatOptions } from "../diff/report/report.js";
import { SEVERITIES, type Severity } from "../diff/rules.js";
import { CodegenError } from "../errors.js";
import type { Printer } from "./output.js";

export const DIFF_FORMATS = ["human", "json", "markdown", "github"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions {
  format?: string;
  failOn?: string;
  base?: string;
  config?: string;
  allowRemote?: boolean;
  allowRemoteRefs?: boolean;
  now?: string;
  verbose?: boolean;
  quiet?: boolean;
}

/**
 * `codegen diff <base> <head>`, or `codegen diff --base <rev>` for every API of the config file:
 * classifies every change and exits 1 when one has a severity listed in `--fail-on`.
 */
export async function diffCommand(base: string | undefined, head: string | undefined, options: DiffCommandOptions, print: Printer): Promise<number> {
  const format = parseFormat(options.format);
  const failOn = parseFailOn(options.failOn);
  const now = parseNow(options.now);
  const pairs = comparisons(base, head, options);
  const allowRemote = options.allowRemote === true || options.allowRemoteRefs === true;
  const reports: DiffReport[] = [];
  for (const pair of pairs) {
    const baseSide = await loadSide(pair.base, { allowRemote, cwd: process.cwd() });
    const headSide = await loadSide(pair.head, { allowRemote, cwd: process.cwd() });
    reports.push({ base: baseSide, head: headSide, result: diffModels(baseSide.model, headSide.model, { now }) });
  }
  const formatOptions: FormatOptions = { failOn, verbose: options.verbose === true };
  const output = render(format, reports, formatOptions);
  if (output !== "" && !(options.quiet === true && format === "human")) print.out(output);
  const fails = reports.some(({ result }) => result.changes.some((change) => failOn.has(change.severity)));
  return fails ? 1 : 0;
}

function render(format: DiffFormat, reports: DiffReport[], options: FormatOptions): string {
  switch (format) {
    case "json":
      return formatJson(reports);
    case "markdown":
      return formatMarkdown(reports, options);
    case "github":
      return formatGithub(reports, options);
    default:
      return formatHuman(reports, options);
  }
}

/** The pairs to compare: the two sides given, or every API of the config file at `--base` against the working tree. */
function comparisons(base: string | undefined, head: string | undefined, options: DiffCommandOptions): Array<{ base: string; head: string }> {
  if (options.base !== undefined) {
    if (base !== undefined) throw new CodegenError("--base compares the config file's APIs; it takes no spec arguments", { hint: "run codegen diff --base <rev> alone, or codegen diff <base> <head>" });
    const file = findConfigFile(options.config);
    const { apis } = readConfigFile(file);
    return apis.map((api) => {
      if (api.spec === "-" || isUrl(api.spec)) {
        throw new CodegenError(`--base reads specs from git, and ${api.spec} is not a file`, {
          location: api.origin ?? { file: displayPath(file) },
          hint: "compare this API with codegen diff <base> <head>",
        });
      }
      return { base: `git:${options.base}:${displayPath(api.spec)}`, head: api.spec };
    });
  }
  if (base === undefined || head === undefined) {
    throw new CodegenError("codegen diff needs two versions of the contract", {
      hint: "run codegen diff <base> <head> (a file, -, a URL, or git:<rev>:<path>), or codegen diff --base <rev> with a config file",
    });
  }
  if (base === "-" && head === "-") throw new CodegenError("only one side can be standard input", { hint: "pass the other side as a file or git:<rev>:<path>" });
  if (options.config !== undefined) throw new CodegenError("--config goes with --base, not with two specs", { hint: "drop --config, or run codegen diff --base <rev> --config <file>" });
  return [{ base, head }];
}

function parseFormat(value: string | undefined): DiffFormat {
  if (value === undefined) return "human";
  if ((DIFF_FORMATS as readonly string[]).includes(value)) return value as DiffFormat;
  throw new CodegenError(`unknown format ${JSON.stringify(value)}`, { hint: `use --format ${DIFF_FORMATS.join(", ")}` });
}

/** `--fail-on breaking,policy` (default breaking, policy and sdk; `none` never fails). */
export function parseFailOn(value: string | undefined): ReadonlySet<Severity> {
  if (value === undefined) return new Set<Severity>(["breaking", "policy", "sdk"]);
  const items = value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (items.length === 1 && items[0] === "none") return new Set();
  const unknown = items.filter((item) => !(SEVERITIES as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new CodegenError(`unknown severity ${JSON.stringify(unknown[0] ?? value)} in --fail-on`, { hint: `list any of ${SEVERITIES.join(", ")}, or none` });
  }
  return new Set(items as Severity[]);
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new CodegenError(`--now ${JSON.stringify(value)} is not a date`, { hint: "write an RFC 3339 date such as 2027-01-31" });
  return date;
}
