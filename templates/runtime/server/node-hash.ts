import { createHash } from "node:crypto";
import type { Sha256 } from "../idempotency/fingerprint.js";

/**
 * `node:crypto`'s SHA-256: synchronous and native, for the Node adapters' idempotency fingerprints;
 * the parts are hashed as they are (no copy into one buffer) and encoded natively.
 */
export const nodeSha256: Sha256 = (parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("base64url");
};
