/**
 * What the mock answers for one operation: the response `Prefer: code` asks for (else the first
 * success the contract declares), with the named or first example that meets the response's schema,
 * or a value drawn from the schema (checked against it, drawn again when it misses); lists paged
 * through `pages.ts`; declared response headers drawn too.
 */
import type { Operation, Response } from "../ir/model.js";
import { setOwn } from "../own.js";
import { mediaExamples } from "./examples.js";
import { fillPage, listLength, pageStart, type PageContract, type PageRequest, type PageSlice } from "./pages.js";
import type { Prefer } from "./prefer.js";
import { randomFrom } from "./random.js";
import type { Runtime, ContractValidators } from "./runtime.js";
import { boundedPatternTesters, type PatternTesters } from "./pattern-strings.js";
import { Synthesiser, type UnservedPattern } from "./synthesise.js";

/** How many values are drawn for one answer before the mock gives up on meeting the schema. */
const DRAWS = 8;

/** What a handler gets from the mock server besides its input: the request's preferences and URL. */
export interface MockRequest {
  prefer: Prefer;
  /** The request's path and query, as sent. */
  url: string;
}

/** The contract's documents the mock draws from. */
export interface MockSources {
  /** The schema document the server validates with (`server/schemas.ts`'s `document`). */
  schemas: object;
  /** The bundled OpenAPI document (examples, response headers). */
  openapi: object;
  seed: number;
  runtime: Runtime;
  validators: ContractValidators;
  unserved: UnservedPattern;
  /** How long each list is (default: a little over two pages, see `listLength`). */
  listLength?: (contract: PageContract) => number;
}

interface Chosen {
  response: Response;
  status: number;
  mediaType: string | undefined;
}

interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class MockAnswers {
  readonly #sources: MockSources;
  /** Contract patterns' checks on the server's engine, in bounded time (one set for the mock's life). */
  readonly #patterns: PatternTesters;
  /** Per list operation, its items by index (drawn once; the same whatever page they are on). */
  readonly #items = new Map<string, Map<number, unknown>>();
  /** Per list operation and status, the body its pages are made from (drawn once). */
  readonly #pageBodies = new Map<string, unknown>();

  constructor(sources: MockSources) {
    this.#sources = sources;
    this.#patterns = boundedPatternTesters(sources.runtime);
  }

  answer(operation: Operation, pagination: PageContract | undefined, input: Record<string, unknown>, request: MockRequest): HandlerResult {
    const chosen = this.#choose(operation, request.prefer.code);
    const key = JSON.stringify([input["path"], input["query"], input["headers"], input["body"]]);
    const headers = this.#headers(chosen.response, key);
    if (chosen.mediaType === undefined) return { status: chosen.status, headers };
    const page = input["page"] as PageRequest | undefined;
    const body =
      pagination !== undefined && page !== undefined && chosen.status < 300
        ? this.#page(operation, chosen, pagination, page, request.url)
        : this.#body(operation, chosen, request.prefer, key);
    return { status: chosen.status, body, headers };
  }

  /** The response to send: the one `Prefer: code` names, else the lowest declared success. */
  #choose(operation: Operation, code: number | undefined): Chosen {
    const { responses } = operation;
    const find = (status: string) => responses.find((response) => response.status === status);
    let response: Response | undefined;
    let status: number;
    if (code !== undefined) {
      response = find(String(code)) ?? find(`${String(code).charAt(0)}XX`) ?? find("default");
      if (response === undefined) {
        const declared = responses.map((entry) => entry.status).join(", ");
        throw new this.#sources.runtime.HttpError(400, "MOCK_NO_SUCH_RESPONSE", `Prefer asks for status ${code}, which ${operation.id} does not declare (it declares ${declared}).`);
      }
      status = code;
    } else {
      const numbered = responses.filter((entry) => /^\d{3}$/.test(entry.status)).sort((a, b) => Number(a.status) - Number(b.status));
      response = numbered.find((entry) => entry.status.startsWith("2")) ?? find("2XX") ?? find("default") ?? numbered[0] ?? responses[0];
      status = response === undefined || !/^\d{3}$/.test(response.status) ? 200 : Number(response.status);
    }
    if (response === undefined) return { response: { status: "200", description: "", content: [], headers: [], pointer: "" }, status, mediaType: undefined };
    const media = response.content.find((entry) => this.#sources.runtime.isJsonMediaType(entry.contentType)) ?? response.content[0];
    return { response, status, mediaType: status === 204 || status === 304 ? undefined : media?.contentType };
  }

  /** The named example `Prefer` asks for, else the first example that meets the schema, else a drawn value. */
  #body(operation: Operation, chosen: Chosen, prefer: Prefer, key: string): unknown {
    const media = chosen.response.content.find((entry) => entry.contentType === chosen.mediaType);
    const examples = media === undefined ? new Map<string, unknown>() : mediaExamples(this.#sources.openapi, media.pointer);
    if (prefer.example !== undefined) {
      if (!examples.has(prefer.example) || !this.#meets(operation, chosen, examples.get(prefer.example))) {
        const names = [...examples.keys()].filter((name) => this.#meets(operation, chosen, examples.get(name)));
        throw new this.#sources.runtime.HttpError(400, "MOCK_NO_SUCH_EXAMPLE", `Prefer asks for example ${JSON.stringify(prefer.example)}, which this response does not have as a valid example (it has ${names.length === 0 ? "none" : names.map((name) => JSON.stringify(name)).join(", ")}).`);
      }
      return examples.get(prefer.example);
    }
    if (!prefer.dynamic) {
      for (const example of examples.values()) if (this.#meets(operation, chosen, example)) return example;
    }
    return this.#draw(operation, chosen, (draw) => [key, draw]);
  }

  /** A value drawn from the response schema that meets it (seeded by `seedOf(draw)`); a 500 saying so when none does. */
  #draw(operation: Operation, chosen: Chosen, seedOf: (draw: number) => Array<string | number>): unknown {
    const schema = this.#schemaAt(operation.id, chosen);
    if (chosen.mediaType !== undefined && !this.#sources.runtime.isJsonMediaType(chosen.mediaType) && isBinary(schema)) return new TextEncoder().encode("binary");
    let problem = "";
    for (let draw = 0; draw < DRAWS; draw++) {
      const random = randomFrom(this.#sources.seed, operation.id, chosen.status, ...seedOf(draw));
      const value = new Synthesiser(this.#sources.schemas, random, { patterns: this.#patterns, unserved: this.#sources.unserved, plain: draw >= DRAWS / 2 }).value(schema);
      if (value === undefined) continue;
      const errors = this.#errors(operation, chosen, value);
      if (errors === undefined) return value;
      problem = errors;
    }
    throw new this.#sources.runtime.HttpError(500, "MOCK_CANNOT_DRAW", `codegen mock could not draw a ${chosen.status} response for ${operation.id} that meets its schema${problem === "" ? "" : ` (${problem})`}; add an example that does to the contract.`);
  }

  /** One page of a list: its slice of the operation's items, with cursors, `has_more` and totals set. */
  #page(operation: Operation, chosen: Chosen, contract: PageContract, page: PageRequest, url: string): unknown {
    const total = (this.#sources.listLength ?? listLength)(contract);
    const key = `${operation.id} ${chosen.status}`;
    if (!this.#pageBodies.has(key)) this.#pageBodies.set(key, this.#draw(operation, chosen, (draw) => ["page", draw]));
    const base = this.#pageBodies.get(key);
    const item = (index: number) => this.#item(operation, chosen, contract, base, index);
    const start = Math.min(pageStart(contract, page, total, item), total);
    const items = Array.from({ length: Math.max(0, Math.min(page.limit, total - start)) }, (_, offset) => item(start + offset));
    const nextUrl = nextPageUrl(url, contract, page, start + items.length, items.length);
    const body = this.#validPage(operation, chosen, contract, base, { items, start, total, page, nextUrl });
    if (body !== undefined) return body;
    throw new this.#sources.runtime.HttpError(500, "MOCK_CANNOT_DRAW", `codegen mock could not make a page of ${operation.id} that meets its schema; add an example that does to the contract.`);
  }

  /** The page with the first way of ending a list (no next cursor, `null`, `""`) that meets the schema. */
  #validPage(operation: Operation, chosen: Chosen, contract: PageContract, base: unknown, slice: PageSlice): unknown {
    for (const end of ["absent", "null", "empty"] as const) {
      const body = fillPage(contract, base, slice, end);
      if (this.#errors(operation, chosen, body) === undefined) return body;
    }
    return undefined;
  }

  /**
   * The item at `index` of an operation's list, drawn from the items' schema with a seed of its
   * own, so it is the same on whatever page it appears; its `cursorFromItem` field made unique
   * where the schema allows.
   */
  #item(operation: Operation, chosen: Chosen, contract: PageContract, base: unknown, index: number): unknown {
    let items = this.#items.get(operation.id);
    if (items === undefined) this.#items.set(operation.id, (items = new Map()));
    if (items.has(index)) return items.get(index);
    const schema = new Synthesiser(this.#sources.schemas, randomFrom(0), { patterns: this.#patterns }).listItems(this.#schemaAt(operation.id, chosen), contract.itemsPath);
    const page = { limit: 1, offset: 0 };
    for (let draw = 0; draw < DRAWS; draw++) {
      const random = randomFrom(this.#sources.seed, operation.id, "item", index, draw);
      const drawn = new Synthesiser(this.#sources.schemas, random, { patterns: this.#patterns, unserved: this.#sources.unserved, plain: draw >= DRAWS / 2 }).value(schema);
      for (const candidate of [unique(drawn, contract.cursorFromItem, index), drawn]) {
        if (this.#validPage(operation, chosen, contract, base, { items: [candidate], start: 0, total: 1, page, nextUrl: undefined }) !== undefined) {
          items.set(index, candidate);
          return candidate;
        }
      }
    }
    throw new this.#sources.runtime.HttpError(500, "MOCK_CANNOT_DRAW", `codegen mock could not draw an item of ${operation.id}'s list that meets its schema; add an example that does to the contract.`);
  }

  /** The declared response headers, drawn from their schemas (those HTTP can carry). */
  #headers(response: Response, key: string): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const header of response.headers) {
      const name = header.name.toLowerCase();
      if (name === "content-type" || name === "content-length") continue;
      for (let draw = 0; draw < DRAWS; draw++) {
        const random = randomFrom(this.#sources.seed, response.pointer, name, key, draw);
        const value = headerText(new Synthesiser(this.#sources.openapi, random, { patterns: this.#patterns, unserved: this.#sources.unserved }).value(header.schema ?? { type: "string" }));
        if (value !== undefined && this.#sources.runtime.isValidHeader(name, value)) {
          headers[name] = value;
          break;
        }
      }
    }
    return headers;
  }

  #schemaAt(operationId: string, chosen: Chosen): unknown {
    const document = this.#sources.schemas as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;
    return document["operations"]?.[operationId]?.["responses"]?.[chosen.response.status]?.[chosen.mediaType ?? ""];
  }

  #meets(operation: Operation, chosen: Chosen, value: unknown): boolean {
    return this.#errors(operation, chosen, value) === undefined;
  }

  /** Why a value breaks the response's schema, or undefined when it meets it. */
  #errors(operation: Operation, chosen: Chosen, value: unknown): string | undefined {
    if (chosen.mediaType === undefined) return undefined;
    const validate = this.#sources.validators.response(operation.id, chosen.response.status, chosen.mediaType);
    if (validate === undefined) return undefined;
    this.#sources.runtime.usePatternBudget({ remainingMs: 50 });
    // Response validators neither coerce nor fill defaults: the value is checked as it is.
    if (validate(value)) return undefined;
    return (validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || "/"} ${error.message}`).join("; ");
  }
}

function isBinary(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && (schema as { format?: unknown }).format === "binary";
}

function headerText(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return value.map(String).join(",");
  return undefined;
}

/** An item whose cursor field (a string or number) is made unique by its index. */
function unique(item: unknown, field: string | undefined, index: number): unknown {
  if (field === undefined || typeof item !== "object" || item === null || !Object.hasOwn(item, field)) return item;
  const value = (item as Record<string, unknown>)[field];
  const distinct = typeof value === "string" ? `${value}_${index + 1}` : typeof value === "number" ? index + 1 : value;
  const copy = { ...item };
  setOwn(copy, field, distinct);
  return copy;
}

/** The next page's URL (path and query), for a contract that gives one in the body. */
function nextPageUrl(url: string, contract: PageContract, page: PageRequest, end: number, count: number): string {
  const next = new URL(url, "http://mock.invalid");
  const position = "offset" in page ? String(end) : "page" in page ? String(page.page + 1) : count > 0 && "cursorFor" in page ? page.cursorFor([end - 1]) : "";
  next.searchParams.set(contract.positionParam, position);
  next.searchParams.set(contract.limitParam, String(page.limit));
  return `${next.pathname}${next.search}`;
}
