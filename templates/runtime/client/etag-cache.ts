import { WriteOrderMap } from "../write-order-map.js";

/** A response a GET returned with an `ETag`, kept to answer a later 304. */
export interface CachedResponse {
  readonly etag: string;
  readonly status: number;
  readonly data: unknown;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/**
 * Where the client keeps responses for conditional GETs (`cache` on `createClient`): any store
 * with these two methods (a `Map` works; so does one shared by several clients).
 */
export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  set(key: string, response: CachedResponse): void;
}

/** The default store: the `maxEntries` most recently used responses, in memory. */
export class MemoryResponseCache implements ResponseCache {
  readonly #entries = new WriteOrderMap<CachedResponse>();
  readonly #maxEntries: number;

  constructor(maxEntries = 500) {
    this.#maxEntries = maxEntries;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    // Most recently used last: the oldest is the first to go.
    if (entry !== undefined) this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, response: CachedResponse): void {
    this.#entries.set(key, response);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.oldest();
      if (oldest === undefined) break;
      this.#entries.delete(oldest.key);
    }
  }
}

/** The store each `cache` setting uses: `"etag"` makes one per client config. */
const memoryStores = new WeakMap<object, ResponseCache>();

function storeFor(cache: "etag" | ResponseCache, owner: object): ResponseCache {
  if (cache !== "etag") return cache;
  let store = memoryStores.get(owner);
  if (store === undefined) memoryStores.set(owner, (store = new MemoryResponseCache()));
  return store;
}

/** A response the store answered: the kept body and headers, with the 304's headers over them. */
export interface Revalidated {
  data: unknown;
  status: number;
  headers: Headers;
}

/**
 * One GET's use of the store: `If-None-Match` set from what is kept, a 304 answered from it, and
 * a response with an `ETag` kept. Entries are keyed by the URL and every header the GET sends
 * (credentials included), so a body is only reused for the same request by the same caller.
 */
export class Revalidation {
  readonly #store: ResponseCache;
  readonly #key: string;
  readonly #kept: CachedResponse | undefined;

  constructor(cache: "etag" | ResponseCache, owner: object, url: string, headers: Headers) {
    this.#store = storeFor(cache, owner);
    const sent: Array<[string, string]> = [];
    headers.forEach((value, name) => sent.push([name, value]));
    this.#key = JSON.stringify([url, sent]);
    this.#kept = this.#store.get(this.#key);
    if (this.#kept !== undefined && !headers.has("if-none-match"))
      headers.set("if-none-match", this.#kept.etag);
  }

  /** The kept response for a 304, or undefined when nothing was kept (the 304 is then an error). */
  async notModified(response: Response): Promise<Revalidated | undefined> {
    const kept = this.#kept;
    if (kept === undefined) return undefined;
    await response.body?.cancel();
    const headers = new Headers(kept.headers as Array<[string, string]>);
    response.headers.forEach((value, name) => headers.set(name, value));
    return { data: structuredClone(kept.data), status: kept.status, headers };
  }

  /** Keeps a success that carries an `ETag` (a copy: the caller may change what it gets). */
  keep(response: Response, data: unknown): void {
    const etag = response.headers.get("etag");
    if (etag === null) return;
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => headers.push([name, value]));
    this.#store.set(this.#key, {
      etag,
      status: response.status,
      data: structuredClone(data),
      headers,
    });
  }
}
