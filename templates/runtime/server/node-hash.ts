import { createHash } from "node:crypto";
import type { Sha256 } from "../idempotency/fingerprint.js";

/** `node:crypto`'s SHA-256: synchronous and native, for the Node adapters' idempotency fingerprints. */
export const nodeSha256: Sha256 = (data) => createHash("sha256").update(data).digest();
