/**
 * `mocks.ts` (`--target mocks`): an MSW 2 handler per operation whose answer was worked out at
 * generation by `codegen mock`'s own answers (examples that meet the schema, else values drawn from
 * it and checked against it), written as literals.
 */
import type { TextFile } from "../emit/generated-file.js";
import { docComment, jsLiteral } from "../emit/literal.js";
import { SourceFile, external, type ImportLayout } from "../emit/source-file.js";
import type { ApiModel, Operation } from "../ir/model.js";
import { MockAnswers } from "./answers.js";
import { mockContract } from "./contract.js";
import type { PageContract, PageRequest } from "./pages.js";
import { parsePrefer } from "./prefer.js";
import { loadRuntime } from "./runtime.js";

/** The seed the generated answers are drawn with: fixed, so the output is the same on every run. */
const SEED = 1;

export async function emitMocks(model: ApiModel, layout: ImportLayout): Promise<TextFile> {
  const runtime = await loadRuntime();
  const { contract, operations, pagination } = mockContract(model, runtime);
  const answers = new MockAnswers({
    schemas: contract.schemas.document,
    openapi: model.typesSource,
    seed: SEED,
    runtime,
    validators: new runtime.ContractValidators(contract.schemas, runtime.vmPatternTest),
    unserved: () => {},
    listLength: (list) => list.defaultLimit,
  });
  const file = new SourceFile("mocks.ts", layout).import(external("msw"), ["http", "HttpResponse"]);
  return file.fromTemplate("mocks.ts", {
    operations: operations.map((operation) => ({
      name: operation.id,
      doc: docComment([`\`${operation.method.toUpperCase()} ${operation.path}\`${operation.summary === undefined ? "" : `: ${operation.summary}`}`]),
      method: operation.method === "trace" ? "all" : operation.method,
      path: mswPath(operation.path, runtime.encodeLiteral),
      response: responseCode(answerFor(answers, operation, pagination.get(operation.id))),
    })),
  });
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the mock answers a request with no arguments; a list, its first page holding the whole list. */
function answerFor(answers: MockAnswers, operation: Operation, list: PageContract | undefined): Answer {
  const input: Record<string, unknown> = list === undefined ? {} : { page: firstPage(list) };
  try {
    return answers.answer(operation, list, input, { prefer: parsePrefer(undefined), url: operation.path }) as Answer;
  } catch (error) {
    // No value meets the schema (an ambiguous oneOf): the handler says so, as `codegen mock` does.
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { code: "MOCK_CANNOT_DRAW", message } };
  }
}

function firstPage(list: PageContract): PageRequest {
  const limit = list.defaultLimit;
  if (list.style === "offset") return { limit, offset: 0 };
  if (list.style === "page") return { limit, page: 1 };
  return { limit, after: undefined, cursorFor: () => "" };
}

/** The handler's resolver body: `HttpResponse.json(…)` for JSON, text or bytes otherwise. */
function responseCode(answer: Answer): string {
  const headers = answer.headers ?? {};
  const init = (extra: Record<string, string>) => {
    const all = { ...headers, ...extra };
    return jsLiteral(Object.keys(all).length === 0 ? { status: answer.status } : { status: answer.status, headers: all });
  };
  if (answer.body === undefined) return `new HttpResponse(null, ${init({})})`;
  if (answer.body instanceof Uint8Array) {
    return `new HttpResponse(new Uint8Array(${jsLiteral([...answer.body])}), ${init({ "content-type": "application/octet-stream" })})`;
  }
  if (typeof answer.body === "string" && headers["content-type"] !== undefined) return `HttpResponse.text(${jsLiteral(answer.body)}, ${init({})})`;
  return `HttpResponse.json(${jsLiteral(answer.body)}, ${init({})})`;
}

/**
 * The request path MSW matches: `*` (any origin and base path) then the operation's path as the
 * client sends it, with `{name}` as `:name`. A path MSW would read otherwise (a parameter that is
 * not a whole segment or not a plain name, a literal `:`, `*`, `(`, `)`, `?`, `+`, or one the client
 * percent-encodes) is matched by a regular expression over the encoded path.
 */
function mswPath(path: string, encode: (literal: string) => string): string {
  const segments = path.split("/");
  const parameter = /^\{[A-Za-z_$][\w$]*\}$/;
  const plain = segments.every((segment) => parameter.test(segment) || (!/[{}:*()?+]/.test(segment) && encode(segment) === segment));
  if (plain) return jsLiteral(`*${segments.map((segment) => segment.replace(/^\{(.+)\}$/, ":$1")).join("/")}`);
  const source = segments
    .map((segment) =>
      segment
        .split(/(\{[^}]*\})/)
        .map((part) => (/^\{[^}]*\}$/.test(part) ? "[^/]+" : encode(part).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
        .join(""),
    )
    .join("\\/");
  return `new RegExp(${jsLiteral(`${source}$`)})`;
}
