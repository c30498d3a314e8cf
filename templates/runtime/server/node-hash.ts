import * as nodeCrypto from "node:crypto";
import type { Sha256 } from "../idempotency/fingerprint.js";

/** `crypto.hash` (Node 20.12 and later): one call, no `Hash` object; absent on older Nodes. */
const oneShot = (
  nodeCrypto as {
    hash?: (algorithm: string, data: string | Uint8Array, encoding: "base64url") => string;
  }
).hash;

/**
 * `node:crypto`'s SHA-256: synchronous and native, for the Node adapters' idempotency fingerprints;
 * one part is hashed in one call where Node has `crypto.hash`, several are fed to one hash as they
 * are (no copy into one buffer), and the digest is encoded natively.
 */
export const nodeSha256: Sha256 = (parts) => {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && oneShot !== undefined)
    return oneShot("sha256", only, "base64url");
  const hash = nodeCrypto.createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("base64url");
};
