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
    if (rateLimit) {
      const rules = rateLimit.rules.map((rule) => `${rule.algorithm} ${rule.limit}/${rule.windowMs / 1000}s by ${rule.key.by === "header" ? `header ${rule.key.header}` : rule.key.by} (${rule.scope === "root" ? "document" : rule.scope})`);
      parts.push(`rate limit ${rules.join(" + ")}`);
    }
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
