import type { Operation, Pagination, Policies, RateLimitRule } from "../ir/model.js";
import { parsePointer, pointer } from "../pointer.js";
import type { OperationRef } from "./finding.js";
import { existing, extensionAt, report, type DiffContext } from "./context.js";
import { compareConventions } from "./compare-conventions.js";

/**
 * The contract's extensions as the generated server enforces them: a limit that admits fewer
 * requests, a key newly required, a list read another way are policy changes even where the
 * schemas did not move.
 */
export function comparePolicies(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  compareRateLimits(context, base, head, operation);
  compareIdempotency(context, base, head, operation);
  comparePagination(context, base, head, operation);
  compareCache(context, base, head, operation);
  compareConventions(context, base, head, operation);
}

/** `x-cache`: what a write asks of `If-Match`, and what a read sends for caches and revalidation. */
function compareCache(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const before = base.policies.cache;
  const after = head.policies.cache;
  if (before === undefined && after === undefined) return;
  const at = extensionAt(context, base, head, "x-cache");
  const was = before?.precondition;
  const now = after?.precondition;
  if (was !== now) {
    if (now === "required") report(context, { ...at, rule: "precondition-required", message: `If-Match ${was ?? "not checked"} → required`, impact: "clients that write without If-Match (they get 428)" }, operation);
    else if (now === "optional") report(context, { ...at, rule: was === "required" ? "precondition-optional" : "precondition-added", message: `If-Match ${was ?? "not checked"} → optional` }, operation);
    else report(context, { ...at, rule: "precondition-removed", message: `If-Match ${was} → not checked`, impact: "clients that rely on If-Match to keep from overwriting newer writes" }, operation);
  }
  const tag = (cache: typeof before) => cache?.etag ?? "none";
  if (tag(before) !== tag(after)) {
    if (before?.etag === undefined) report(context, { ...at, rule: "etag-added", message: `ETag ${tag(after)}` }, operation);
    else if (after?.etag === undefined) report(context, { ...at, rule: "etag-removed", message: `ETag ${tag(before)} → none`, impact: "clients that revalidate with If-None-Match" }, operation);
    else report(context, { ...at, rule: "etag-strength-changed", message: `ETag ${tag(before)} → ${tag(after)}` }, operation);
  }
  const caching = (cache: typeof before) => `${cache?.cacheControl ?? "none"}; Vary ${cache?.vary.join(", ") || "none"}`;
  if (caching(before) !== caching(after)) report(context, { ...at, rule: "cache-control-changed", message: `${caching(before)} → ${caching(after)}` }, operation);
}

/** Where a rate limit of this scope is written for this operation. */
function rateLimitPointer(document: unknown, operation: Operation, scope: RateLimitRule["scope"] | undefined): string {
  const pathItem = pointer(...parsePointer(operation.pointer).slice(0, -1));
  const declared = scope === "root" ? "#/x-rate-limit" : scope === "path" ? `${pathItem}/x-rate-limit` : `${operation.pointer}/x-rate-limit`;
  return existing(document, declared, operation.pointer);
}

function compareRateLimits(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const baseRules = base.policies.rateLimit?.rules ?? [];
  const headRules = head.policies.rateLimit?.rules ?? [];
  for (const scope of ["operation", "path", "root"] as const) {
    const before = baseRules.find((rule) => rule.scope === scope);
    const after = headRules.find((rule) => rule.scope === scope);
    if (before === undefined && after === undefined) continue;
    const at = {
      location: `x-rate-limit (${scope === "root" ? "document" : scope})`,
      basePointer: rateLimitPointer(context.base.typesSource, base, before?.scope ?? scope),
      headPointer: rateLimitPointer(context.head.typesSource, head, after?.scope ?? scope),
    };
    if (before === undefined || after === undefined) {
      const added = after !== undefined;
      report(
        context,
        added
          ? { ...at, rule: "rate-limit-added", message: `rate limit ${describeRule(after)}`, impact: `clients that send more than ${after.limit} requests per ${after.windowMs / 1000} s` }
          : { ...at, rule: "rate-limit-removed", message: `rate limit ${describeRule(before as RateLimitRule)} removed` },
        operation,
      );
      continue;
    }
    const message = `${describeRule(before)} → ${describeRule(after)}`;
    if (before.algorithm !== after.algorithm) report(context, { ...at, rule: "rate-limit-algorithm-changed", message, impact: "clients that pace bursts for the old algorithm" }, operation);
    if (describeKey(before) !== describeKey(after)) report(context, { ...at, rule: "rate-limit-key-changed", message, impact: `clients that share one ${describeKey(after)}` }, operation);
    const tighter = admits(after, before) < 0;
    const looser = admits(after, before) > 0;
    if (tighter) report(context, { ...at, rule: "rate-limit-tightened", message, impact: `clients that send more than ${after.limit} requests per ${after.windowMs / 1000} s` }, operation);
    else if (looser) report(context, { ...at, rule: "rate-limit-loosened", message }, operation);
    if (before.failOpen !== after.failOpen) report(context, { ...at, rule: "rate-limit-fail-open-changed", message: `failOpen ${before.failOpen} → ${after.failOpen}` }, operation);
  }
}

/**
 * Whether `after` admits fewer (-1) or more (1) requests than `before`: each of the rate, the
 * burst and every plan's tier compared; any one that admits fewer makes the rule tighter.
 */
function admits(after: RateLimitRule, before: RateLimitRule): number {
  const signs: number[] = [
    Math.sign(after.limit / after.windowMs - before.limit / before.windowMs),
    Math.sign(after.limit - before.limit),
    Math.sign((after.burst ?? after.limit) - (before.burst ?? before.limit)),
  ];
  for (const tier of before.tiers) {
    const now = after.tiers.find((other) => other.plan === tier.plan)?.limit ?? after.limit;
    signs.push(Math.sign(now - tier.limit));
  }
  if (signs.includes(-1)) return -1;
  return signs.includes(1) ? 1 : 0;
}

function describeKey(rule: RateLimitRule): string {
  return rule.key.by === "header" ? `header ${rule.key.header.toLowerCase()}` : rule.key.by;
}

function describeRule(rule: RateLimitRule): string {
  const tiers = rule.tiers.length === 0 ? "" : ` (${rule.tiers.map((tier) => `${tier.plan} ${tier.limit}`).join(", ")})`;
  return `${rule.algorithm} ${rule.limit}/${rule.windowMs / 1000}s${rule.burst === undefined ? "" : ` burst ${rule.burst}`} by ${describeKey(rule)}${tiers}`;
}

function compareIdempotency(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const before = base.policies.idempotency;
  const after = head.policies.idempotency;
  if (before === undefined && after === undefined) return;
  const at = extensionAt(context, base, head, "x-idempotency");
  if (before === undefined) {
    const required = (after as NonNullable<Policies["idempotency"]>).required;
    report(
      context,
      required
        ? { ...at, rule: "idempotency-key-required", message: `${after?.header} required`, impact: `clients that send no ${after?.header}` }
        : { ...at, rule: "idempotency-added", message: `optional ${after?.header} honoured` },
      operation,
    );
    return;
  }
  if (after === undefined) {
    report(context, { ...at, rule: "idempotency-removed", message: `${before.header} no longer honoured`, impact: "clients that retry and rely on the replay" }, operation);
    return;
  }
  if (!before.required && after.required) report(context, { ...at, rule: "idempotency-key-required", message: `${after.header} became required`, impact: `clients that send no ${after.header}` }, operation);
  if (before.required && !after.required) report(context, { ...at, rule: "idempotency-key-optional", message: `${after.header} became optional` }, operation);
  if (before.header.toLowerCase() !== after.header.toLowerCase()) {
    report(context, { ...at, rule: "idempotency-header-changed", message: `header ${before.header} → ${after.header}`, impact: `clients that send the key as ${before.header}` }, operation);
  }
  if (after.ttlMs < before.ttlMs) report(context, { ...at, rule: "idempotency-ttl-shortened", message: `replayed for ${before.ttlMs / 1000} s → ${after.ttlMs / 1000} s`, impact: `clients that retry later than ${after.ttlMs / 1000} s` }, operation);
  if (after.ttlMs > before.ttlMs) report(context, { ...at, rule: "idempotency-ttl-lengthened", message: `replayed for ${before.ttlMs / 1000} s → ${after.ttlMs / 1000} s` }, operation);
}


const PAGE_SOURCES = ["itemsPath", "nextCursorPath", "nextUrlPath", "hasMorePath", "cursorFromItem", "totalPath", "totalPagesPath", "linkHeader"] as const;

function comparePagination(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const before = base.policies.pagination;
  const after = head.policies.pagination;
  if (before === undefined && after === undefined) return;
  const at = extensionAt(context, base, head, "x-pagination");
  if (before === undefined || after === undefined) {
    report(
      context,
      after !== undefined
        ? { ...at, rule: "pagination-added", message: `${after.style} pagination`, impact: "clients that read the whole list from one response" }
        : { ...at, rule: "pagination-removed", message: `${(before as Pagination).style} pagination removed`, impact: "clients that follow pages" },
      operation,
    );
    return;
  }
  if (before.style !== after.style) report(context, { ...at, rule: "pagination-style-changed", message: `style ${before.style} → ${after.style}`, impact: `clients that page by ${before.style}` }, operation);
  const parameters = (page: Pagination) => `${page.limitParam}, ${page.positionParam}`;
  if (parameters(before) !== parameters(after)) {
    report(context, { ...at, rule: "pagination-parameter-changed", message: `parameters ${parameters(before)} → ${parameters(after)}`, impact: `clients that send ${before.positionParam}` }, operation);
  }
  const moved = PAGE_SOURCES.filter((source) => before[source] !== after[source]);
  if (moved.length > 0) {
    const message = moved.map((source) => `${source} ${String(before[source] ?? "none")} → ${String(after[source] ?? "none")}`).join("; ");
    report(context, { ...at, rule: "pagination-cursor-source-changed", message, impact: "clients that read the next page the old way" }, operation);
  }
  if (after.maxLimit < before.maxLimit) report(context, { ...at, rule: "pagination-max-limit-decreased", message: `maxLimit ${before.maxLimit} → ${after.maxLimit}`, impact: `clients that ask for more than ${after.maxLimit} items` }, operation);
  if (after.maxLimit > before.maxLimit) report(context, { ...at, rule: "pagination-max-limit-increased", message: `maxLimit ${before.maxLimit} → ${after.maxLimit}` }, operation);
  if (after.defaultLimit !== before.defaultLimit) report(context, { ...at, rule: "pagination-default-limit-changed", message: `defaultLimit ${before.defaultLimit} → ${after.defaultLimit}` }, operation);
}
