/** What `bench:server` sends: calls, scenarios of calls, and the catalog's conditional requests. */
import { createHash } from "node:crypto";
import { sorted } from "../../test/server/apps/catalog.js";
import { benchCatalog } from "./catalog-store.js";

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
  /** Sent with a new `Idempotency-Key` each time (so each request records one). */
  keyed?: boolean;
}

export interface Scenario {
  name: string;
  kind: string;
  calls: Call[];
  /**
   * A request to an operation `calls` never reach, sent alone once the server has served them
   * under load: the first request to that operation on a warm server (its validators built then).
   */
  then?: Call;
}

/**
 * The catalog (`x-cache`, `x-fields`) on Fastify: one product whose ETag the handler gives, and the
 * list of 100 whose weak ETag is hashed from the bytes, each fetched whole and with `If-None-Match`
 * naming the current tag (a 304): the product's is its version, the list's is worked out as the
 * server hashes it. And the list with `fields=id,name` (the schema's required price and version come too).
 */
export function conditionalScenarios(): Scenario[] {
  const one: Call = { method: "GET", path: "/v1/products/p-7", headers: {}, status: 200 };
  const list: Call = { method: "GET", path: "/v1/products", headers: {}, status: 200 };
  const revalidated = (call: Call, etag: string): Call => ({ ...call, headers: { "if-none-match": etag }, status: 304 });
  return [
    { name: "catalog-one", kind: "fastify-catalog", calls: [one] },
    { name: "catalog-one-304", kind: "fastify-catalog", calls: [revalidated(one, '"v1"')] },
    { name: "catalog-list", kind: "fastify-catalog", calls: [list] },
    { name: "catalog-list-304", kind: "fastify-catalog", calls: [revalidated(list, catalogListEtag)] },
    { name: "catalog-list-fields", kind: "fastify-catalog", calls: [{ ...list, path: "/v1/products?fields=id,name" }] },
  ];
}

/** The list's weak ETag as the server hashes it: SHA-256 of the JSON it sends (in the default order, by name), base64url. */
const catalogListEtag = `W/"${createHash("sha256").update(JSON.stringify({ data: sorted([...benchCatalog().values()], [{ field: "name", direction: "asc" }]) })).digest("base64url")}"`;

