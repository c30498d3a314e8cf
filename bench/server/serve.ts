/**
 * Starts one benchmark server (a kind from servers.ts) on a free port and prints the port and the
 * milliseconds from this process's start until it listened (module loading included).
 */
import { start } from "./servers.js";

const port = await start(process.argv[2] ?? "");
console.log(`port ${port} ready ${performance.now().toFixed(1)}`);
