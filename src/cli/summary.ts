import type { ApiModel } from "../ir/model.js";

/** Most policy lines printed; the rest are counted. */
const MAX_POLICY_LINES = 20;

/** One line per operation that a contract policy applies to, saying whether it was declared or inferred. */
export function describePolicies(model: ApiModel): string[] {
  const lines: string[] = [];
  for (const operation of model.operations) {
    const { pagination, idempotency, rateLimit } = operation.policies;
    const parts: string[] = [];
    if (pagination) parts.push(`pagination ${pagination.style} (${origin(pagination.source, "x-pagination")})`);
    if (idempotency) {
      const mode = idempotency.required ? "required" : "optional";
      parts.push(`idempotency ${mode} via ${JSON.stringify(idempotency.header)} (${origin(idempotency.source, "x-idempotency")})`);
    }
    if (rateLimit) parts.push(`rate limit (x-rate-limit on the ${rateLimit.scope === "root" ? "document" : rateLimit.scope})`);
    if (parts.length > 0) lines.push(`  ${operation.id}: ${parts.join(", ")}`);
  }
  if (lines.length > MAX_POLICY_LINES) {
    const hidden = lines.length - MAX_POLICY_LINES;
    return [...lines.slice(0, MAX_POLICY_LINES), `  … and ${hidden} more operations with policies`];
  }
  return lines;
}

function origin(source: "explicit" | "inferred", extension: string): string {
  return source === "explicit" ? extension : "inferred from the parameters";
}
