/** Generated Express servers (the users fixture, Stripe whole and cut) and Stripe's operations written by hand in Express. */
import express from "express";
import { readFileSync } from "node:fs";
import { OUTPUTS } from "../paths.js";
import { anyCredential, anyOperation } from "../stripe-handlers.js";
import { generated, listen, requestIdOf, usersHandlers, usersOptions } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "express-generated": async () => {
    const server = await generated("express-users");
    return listen(express().use(server["createRouter"]?.(usersHandlers(), usersOptions) as express.Router).listen(0, "127.0.0.1"));
  },
  "stripe-468": () => stripeGenerated("stripe-468"),
  "stripe-requested": () => stripeGenerated("stripe-requested"),
  "stripe-1": () => stripeGenerated("stripe-1"),
  "stripe-handwritten": async () => listen(expressByHand(`${OUTPUTS}stripe-requested.json`).listen(0, "127.0.0.1")),
  "stripe-handwritten-1": async () => listen(expressByHand(`${OUTPUTS}stripe-1.json`).listen(0, "127.0.0.1")),
};

/** A generated Stripe server (from `folder`) on Express, every operation answering an empty 200. */
async function stripeGenerated(folder: string): Promise<number> {
  const server = await generated(folder);
  return listen(express().use(server["createRouter"]?.(anyOperation, { auth: anyCredential }) as express.Router).listen(0, "127.0.0.1"));
}

/** One Express route per GET of a cut Stripe contract (written by `run.ts`), as a hand-written server has them. */
function expressByHand(contractFile: string): express.Express {
  const contract = JSON.parse(readFileSync(contractFile, "utf8")) as { paths: Record<string, unknown> };
  const app = express();
  for (const path of Object.keys(contract.paths)) {
    app.get(path.replace(/\{([^}]+)\}/g, ":$1"), (req, res) => {
      const requestId = requestIdOf(req.get("x-request-id"));
      res.set("x-request-id", requestId);
      if (!req.get("authorization")?.startsWith("Bearer ")) {
        res.set("www-authenticate", 'Bearer realm="api"').status(401).json({ error: { message: "UNAUTHORIZED" } });
        return;
      }
      res.status(200).json({});
    });
  }
  return app;
}
