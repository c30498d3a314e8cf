import type { OperationContract } from "../contract.js";

/**
 * Refuses to start a server with a gap: every operation needs a handler, and every security scheme
 * an operation uses needs a verifier. All gaps are named at once.
 */
export function checkComplete(
  operations: Readonly<Record<string, OperationContract>>,
  handlers: Readonly<Record<string, unknown>>,
  verifiers: Readonly<Record<string, unknown>>,
): void {
  const problems: string[] = [];
  const missing = Object.keys(operations).filter((id) => typeof handlers[id] !== "function");
  if (missing.length > 0) problems.push(`no handler for ${missing.join(", ")}`);
  const used = new Set(
    Object.values(operations).flatMap((op) =>
      op.security.flatMap((req) => req.map((e) => e.scheme)),
    ),
  );
  const unverified = [...used]
    .sort()
    .filter(
      (scheme) => !Object.hasOwn(verifiers, scheme) || typeof verifiers[scheme] !== "function",
    );
  if (unverified.length > 0)
    problems.push(`no verifier in options.auth for ${unverified.join(", ")}`);
  if (problems.length > 0) throw new Error(`createRequestHandler: ${problems.join("; ")}`);
}
