/** Where the server bench's files are: the repository's root, and the outputs `run.ts` generates. */
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where `run.ts` generates the outputs the servers load. */
export const OUTPUTS = `${ROOT}.tmp/bench-server/`;
