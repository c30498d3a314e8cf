import type { GeneratedFile } from "./generated-file.js";
import { readRuntimeFile } from "./templates.js";

/**
 * Runtime modules: real, tested TypeScript under `templates/runtime/`, copied verbatim. They are
 * kept in the pinned prettier layout (`templates/runtime/.prettierrc.json`, checked by a test), so
 * they skip the format stage.
 */
const RUNTIME_FILES = [
  "client/api-promise.ts",
  "client/auth.ts",
  "client/call.ts",
  "client/errors.ts",
  "client/pagination.ts",
  "client/query.ts",
  "client/request.ts",
  "client/retry.ts",
  "client/types.ts",
  "content.ts",
  "contract.ts",
  "idempotency/fingerprint.ts",
  "idempotency/memory-store.ts",
  "idempotency/redis-store.ts",
  "idempotency/store.ts",
  "pagination/body.ts",
  "path.ts",
  "rate-limit/algorithms.ts",
  "rate-limit/memory-store.ts",
  "rate-limit/policy.ts",
  "rate-limit/redis-store.ts",
  "rate-limit/scripts.ts",
  "server/auth.ts",
  "server/body.ts",
  "server/call.ts",
  "server/cursor.ts",
  "server/depth.ts",
  "server/errors.ts",
  "server/express.ts",
  "server/handle.ts",
  "server/http.ts",
  "server/idempotency.ts",
  "server/input.ts",
  "server/link.ts",
  "server/own.ts",
  "server/pagination.ts",
  "server/parameters.ts",
  "server/patterns.ts",
  "server/rate-limiting.ts",
  "server/report.ts",
  "server/request-id.ts",
  "server/respond.ts",
  "server/results.ts",
  "server/routes.ts",
  "server/status-text.ts",
  "server/validation.ts",
] as const;

export function emitRuntime(): GeneratedFile[] {
  return RUNTIME_FILES.map((name) => ({ path: `runtime/${name}`, content: readRuntimeFile(name), formatted: true }));
}
