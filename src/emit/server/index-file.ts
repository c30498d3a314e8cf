import type { ServerAdapter } from "../../config/resolve-config.js";
import type { ApiModel } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { SourceFile, outputFile, runtimeFile, type ImportLayout } from "../source-file.js";
import { adapterExports } from "./router.js";

/** `server/index.ts`: what a server needs, from one import. */
export function emitServerIndex(model: ApiModel, layout: ImportLayout, server: ServerAdapter): GeneratedFile {
  const hasAuth = model.operations.some((operation) => operation.security.some((requirement) => requirement.length > 0));
  const preconditions = model.operations.some((operation) => operation.policies.cache?.precondition !== undefined);
  return new SourceFile("server/index.ts", layout)
    .export(outputFile("server/handlers.ts"), "*")
    .export(outputFile("server/router.ts"), ["createRequestHandler", ...adapterExports(server), "type RouterOptions", ...(hasAuth ? ["type AuthVerifiers"] : [])])
    .export(runtimeFile("server/auth.ts"), ["forbidden", "type BasicCredentials", "type VerifyContext"])
    .export(runtimeFile("server/results.ts"), ["notImplemented", ...(preconditions ? ["preconditionFailed"] : [])])
    .export(runtimeFile("server/handle.ts"), ["ResponseValidationError", "type ErrorContext", "type RequestHandler", "type ServerOptions"])
    .export(runtimeFile("server/errors.ts"), ["ErrorDetail", "ErrorFormat"], {
      typeOnly: true,
    })
    .export(runtimeFile("server/rate-limiting.ts"), ["RateLimitOptions"], {
      typeOnly: true,
    })
    .export(runtimeFile("rate-limit/memory-store.ts"), ["MemoryRateLimitStore"])
    .export(runtimeFile("rate-limit/redis-store.ts"), ["RedisRateLimitStore", "ioredisClient", "nodeRedisClient", "type RedisScriptClient"])
    .export(runtimeFile("rate-limit/policy.ts"), ["RateLimitStore"], {
      typeOnly: true,
    })
    .export(runtimeFile("server/idempotency.ts"), ["IdempotencyOptions"], {
      typeOnly: true,
    })
    .export(runtimeFile("idempotency/memory-store.ts"), ["MemoryIdempotencyStore"])
    .export(runtimeFile("idempotency/redis-store.ts"), ["RedisIdempotencyStore"])
    .export(runtimeFile("idempotency/store.ts"), ["IdempotencyStore"], {
      typeOnly: true,
    })
    .export(runtimeFile("server/pagination.ts"), ["CursorPage", "NumberedPage", "OffsetPage"], { typeOnly: true })
    .export(runtimeFile("server/cursor.ts"), ["compareKeys"])
    .export(runtimeFile("server/conditional.ts"), preconditions ? ["Precondition"] : [], { typeOnly: true })
    .fromTemplate("server/index.ts", {});
}
