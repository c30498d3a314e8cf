import { printable } from "../printable.js";
import { declaresStatus } from "../ir/implied-statuses.js";
import type { ApiModel, ImpliedStatus, Pagination } from "../ir/model.js";

/** Most policy lines printed; the rest are counted. */
const MAX_POLICY_LINES = 20;

/**
 * One line per operation that a contract policy applies to, saying whether it was declared or
 * inferred (and, for a list, where its items, next page and end come from); the first 20 unless
 * `verbose`.
 */
export function describePolicies(model: ApiModel, verbose = false): string[] {
  const lines: string[] = [];
  for (const operation of model.operations) {
    const { pagination, idempotency, rateLimit, cache, sort, fields, expand } = operation.policies;
    const parts: string[] = [];
    if (pagination) {
      const from = pagination.source === "explicit" ? "x-pagination" : "inferred from the parameters and the response";
      parts.push(`pagination ${pagination.style} (${from}; ${describePages(pagination)})`);
    }
    if (idempotency) {
      const mode = idempotency.required ? "required" : "optional";
      parts.push(`idempotency ${mode} via ${JSON.stringify(idempotency.header)} (${origin(idempotency.source, "x-idempotency")})`);
    }
    if (rateLimit) {
      const rules = rateLimit.rules.map((rule) => `${rule.algorithm} ${rule.limit}/${rule.windowMs / 1000}s by ${rule.key.by === "header" ? `header ${rule.key.header}` : rule.key.by} (${rule.scope === "root" ? "document" : rule.scope})`);
      parts.push(`rate limit ${rules.join(" + ")}`);
    }
    if (sort !== undefined) parts.push(`sort by ${sort.fields.join(", ")} (at most ${sort.maxKeys}; ${origin(sort.source, "x-sort")})`);
    if (fields !== undefined) parts.push(`fields ${countOf(fields.fields, "field")} of ${fields.at.join(".") || "the body"} selectable in ${fields.param} (always ${fields.always.filter((path) => !path.includes(".")).join(", ") || "none"}; x-fields)`);
    if (expand !== undefined) parts.push(`expand ${expand.fields.join(", ")} in ${expand.param} (at most ${expand.maxExpansions}, ${expand.depth} levels; x-expand)`);
    if (cache?.precondition !== undefined) parts.push(`If-Match ${cache.precondition} (x-cache)`);
    else if (cache !== undefined) {
      const caching = [cache.cacheControl === undefined ? undefined : `Cache-Control ${JSON.stringify(cache.cacheControl)}`, cache.etag === undefined ? "no ETag" : `${cache.etag} ETag`, cache.vary.length === 0 ? undefined : `Vary ${cache.vary.join(", ")}`];
      parts.push(`caching: ${caching.filter((part) => part !== undefined).join(", ")} (x-cache)`);
    }
    if (parts.length > 0) lines.push(`  ${operation.id}: ${parts.join(", ")}`);
  }
  if (!verbose && lines.length > MAX_POLICY_LINES) {
    const hidden = lines.length - MAX_POLICY_LINES;
    return [...lines.slice(0, MAX_POLICY_LINES), `  … and ${hidden} more operations with policies (--verbose lists them all)`];
  }
  return lines;
}

/** `n things`, listing them when few. */
function countOf(names: readonly string[], noun: string): string {
  return names.length <= 6 ? names.join(", ") : `${names.length} ${noun}s`;
}

/** Most warnings printed unless `verbose`; the rest are counted. */
const MAX_WARNINGS = 5;

/** The model's warnings as the user reads them (the first few unless `verbose`). */
export function describeWarnings(model: ApiModel, file: string, verbose = false): string[] {
  const shown = verbose ? model.warnings : model.warnings.slice(0, MAX_WARNINGS);
  const lines = shown.flatMap((warning) => [`warning: ${printable(warning.message)}`, `  in ${printable(file)} at ${printable(warning.pointer)}`, `  fix: ${printable(warning.hint)}`]);
  const hidden = model.warnings.length - shown.length;
  if (hidden > 0) lines.push(`… and ${hidden} more warnings (--verbose lists them all)`);
  return lines;
}

/** Where a list's items, next page and end come from, as the client and server will go by them. */
export function describePages(pagination: Pagination): string {
  const items = pagination.itemsPath === undefined ? "items: the body's list" : `items at ${pagination.itemsPath}`;
  const whileMore = pagination.hasMorePath === undefined ? "" : ` while ${pagination.hasMorePath} is true`;
  let next: string;
  if (pagination.style === "cursor") {
    if (pagination.cursorFromItem !== undefined) next = `next cursor: the last item's ${pagination.cursorFromItem}${whileMore}`;
    else if (pagination.nextCursorPath !== undefined) next = `next cursor at ${pagination.nextCursorPath}${whileMore}, ends when it is empty`;
    else if (pagination.nextUrlPath !== undefined) next = `next page: the URL at ${pagination.nextUrlPath}, ends when it is empty`;
    else next = "next page: the Link header, ends when there is none";
  } else {
    const step = pagination.style === "offset" ? "next offset: offset + items" : "next page: page + 1";
    const end =
      pagination.totalPath !== undefined
        ? `ends at the total at ${pagination.totalPath}`
        : pagination.totalPagesPath !== undefined
          ? `ends at the page count at ${pagination.totalPagesPath}`
          : pagination.hasMorePath !== undefined
            ? `ends when ${pagination.hasMorePath} is false`
            : "ends at an empty or short page";
    next = `${pagination.nextUrlPath === undefined ? step : `next page: the URL at ${pagination.nextUrlPath}`}, ${end}`;
  }
  return `${items}; ${next}${pagination.linkHeader ? "; a Link header wins" : ""}`;
}

function origin(source: "explicit" | "inferred", extension: string): string {
  return source === "explicit" ? extension : "inferred from the parameters";
}

/** Per operation, the statuses the generated server may send that its responses do not declare. */
export function undeclaredStatuses(model: ApiModel): Array<{ operation: string; statuses: ImpliedStatus[] }> {
  return model.operations
    .map((operation) => ({
      operation: operation.id,
      statuses: operation.impliedStatuses.filter(({ status }) => !declaresStatus(operation, status)),
    }))
    .filter((entry) => entry.statuses.length > 0);
}

/**
 * The warning about undeclared statuses: one summary line (or a line per operation when
 * `verbose`), and a fix line; nothing when every operation declares what it may send.
 */
export function describeUndeclared(model: ApiModel, verbose: boolean): string[] {
  const undeclared = undeclaredStatuses(model);
  if (undeclared.length === 0) return [];
  const counts = new Map<number, number>();
  for (const { statuses } of undeclared) for (const { status } of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const tally = [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`).join(", ");
  const lines = [
    `warning: ${undeclared.length} of ${model.operations.length} operations do not declare statuses the generated server may send (${tally})`,
  ];
  if (verbose) {
    for (const { operation, statuses } of undeclared) {
      lines.push(`  ${operation}: ${statuses.map(({ status, reason }) => `${status} (${reason})`).join(", ")}`);
    }
  } else lines.push("  run with --verbose to list them per operation");
  lines.push('  fix: declare them under each operation\'s responses (or a shared "4XX" or "default" error response); README "Limits and guarantees" lists when each is sent');
  return lines;
}
