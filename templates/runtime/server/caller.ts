/** How a caller is keyed in rate limits and idempotency scopes: its principal, or its address. */

/** The principal's key by default: its `id`, or the principal itself when it is a string or number. */
export function defaultPrincipalKey(principal: unknown): string | undefined {
  if (typeof principal === "string" || typeof principal === "number") return String(principal);
  if (typeof principal === "object" && principal !== null && Object.hasOwn(principal, "id")) {
    return String((principal as { id: unknown }).id);
  }
  return undefined;
}

/**
 * One spelling per client address, so servers on different adapters sharing a store count one
 * client once: an IPv4 address mapped into IPv6 (`::ffff:127.0.0.1`, what a dual-stack socket
 * reports) is the IPv4 address, and IPv6 letters are lower case.
 */
export function canonicalIp(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped?.[1] ?? ip.toLowerCase();
}
