/** Starts one benchmark server (`generated` or `handwritten`) on a free port and prints the port. */
import type { AddressInfo } from "node:net";
import { generatedApp, handwrittenApp } from "./servers.js";

const app = process.argv[2] === "generated" ? generatedApp() : handwrittenApp();
const server = app.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
