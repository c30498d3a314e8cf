import type { PaginationContract } from "../contract.js";
import { HttpError } from "./errors.js";
import { getOwn } from "./own.js";
import { nextPosition } from "../pagination/body.js";
import { CursorCodec, queryBinding } from "./cursor.js";
import type { Sha256 } from "../idempotency/fingerprint.js";
import { linkHeader } from "./link.js";

/** What a cursor-paged handler gets: the page size, the decoded position to continue after, and how to make the next cursor. */
export interface CursorPage {
  limit: number;
  /** The keyset position the previous page ended at (`undefined` on the first page). */
  after: readonly unknown[] | undefined;
  /** The opaque cursor for a position, e.g. `[lastRow.createdAt, lastRow.id]` (sort keys, then a unique tie-breaker). */
  cursorFor(position: readonly unknown[]): string;
}

export interface OffsetPage {
  limit: number;
  offset: number;
}

export interface NumberedPage {
  limit: number;
  /** 1-based. */
  page: number;
}

export type Page = CursorPage | OffsetPage | NumberedPage;

type Pairs = ReadonlyArray<readonly [string, string]>;

/**
 * Pagination around a handler: after validation (which refuses a limit the schema forbids), the
 * handler gets its `page`, the limit clamped to the contract's `maxLimit`; after the handler, a
 * `Link` header (next, and prev where known) is derived from the request and the body it returned.
 */
export class Paginator {
  readonly #codec: CursorCodec;
  readonly #sha256: Sha256 | undefined;
  /** Per contract, the parameters a cursor is not bound to (the limit and the position). */
  readonly #unbound = new WeakMap<PaginationContract, ReadonlySet<string>>();

  /** `sha256`: the platform's native hash for query bindings, when it has one. */
  constructor(cursorSecret?: string | Uint8Array, sha256?: Sha256) {
    this.#codec = new CursorCodec(cursorSecret);
    this.#sha256 = sha256;
  }

  /**
   * The page a request asks for. Cursors are bound to the query's other parameters and to
   * `callerScope` (the principal on secured operations), so one caller's cursor is refused for
   * another.
   */
  page(
    contract: PaginationContract,
    query: Record<string, unknown>,
    pairs: Pairs,
    callerScope = "",
  ): Page {
    const rawLimit = getOwn(query, contract.limitParam) ?? contract.defaultLimit;
    if (typeof rawLimit !== "number" || !Number.isInteger(rawLimit) || rawLimit < 1) {
      throw new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [
        {
          location: "query",
          pointer: `/${contract.limitParam}`,
          field: contract.limitParam,
          code: "minimum",
          message: "must be a whole number of at least 1",
        },
      ]);
    }
    const limit = Math.min(rawLimit, contract.maxLimit);
    const position = getOwn(query, contract.positionParam);
    if (contract.style === "offset")
      return { limit, offset: typeof position === "number" ? position : 0 };
    if (contract.style === "page")
      return { limit, page: typeof position === "number" ? position : 1 };
    let unbound = this.#unbound.get(contract);
    if (unbound === undefined)
      this.#unbound.set(
        contract,
        (unbound = new Set([contract.limitParam, contract.positionParam])),
      );
    // The query's binding is a hash: worked out only when a cursor is checked or made.
    let binding: string | undefined;
    const excluded = unbound;
    const bound = () => (binding ??= queryBinding(pairs, excluded, callerScope, this.#sha256));
    const given = typeof position === "string" && position !== "" ? position : undefined;
    // A list that continues after its last item's field (`starting_after=<id>`) takes that value
    // as it is; any other cursor is one this server made, checked and decoded.
    const after =
      given === undefined
        ? undefined
        : contract.cursorFromItem !== undefined
          ? [given]
          : this.#codec.decode(given, bound());
    return { limit, after, cursorFor: (at) => this.#codec.encode(at, bound()) };
  }

  /** The `Link` header for a page the handler returned, or undefined when there is nowhere to go. */
  link(
    contract: PaginationContract,
    page: Page,
    path: string,
    pairs: Pairs,
    body: unknown,
  ): string | undefined {
    const links: Array<{ rel: "next" | "prev"; set: Record<string, string> }> = [];
    const limit = String(page.limit);
    const position = "offset" in page ? page.offset : "page" in page ? page.page : 0;
    const next = nextPosition(contract, body, { position, limit: page.limit });
    if (next !== undefined)
      links.push({
        rel: "next",
        set: { [contract.positionParam]: String(next), [contract.limitParam]: limit },
      });
    const previous =
      "offset" in page
        ? page.offset > 0
          ? Math.max(0, page.offset - page.limit)
          : undefined
        : "page" in page && page.page > 1
          ? page.page - 1
          : undefined;
    if (previous !== undefined)
      links.push({
        rel: "prev",
        set: { [contract.positionParam]: String(previous), [contract.limitParam]: limit },
      });
    return linkHeader(path, pairs, links);
  }
}
