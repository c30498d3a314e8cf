/** Starts one benchmark server (a kind from servers.ts) on a free port and prints the port. */
import { start } from "./servers.js";

console.log(`port ${await start(process.argv[2] ?? "")}`);
