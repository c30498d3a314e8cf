import type { Response, ResponseHeader } from "./model.js";
import { BuildContext, entriesOf, optionalString } from "./context.js";
import { buildContent } from "./media-type.js";
import { buildSchema } from "./schema.js";
import { parsePointer } from "../pointer.js";

/** A Header Object (OpenAPI 3 §4.8.21). */
function buildHeader(name: string, raw: unknown, at: string, context: BuildContext): ResponseHeader {
  const { value, pointer } = context.resolve(raw, at);
  return {
    name,
    required: value.required === true,
    description: optionalString(value.description),
    schema: buildSchema(value.schema),
    pointer,
  };
}

/** A Response Object (OpenAPI 3 §4.8.17). */
export function buildResponse(status: string, raw: unknown, at: string, context: BuildContext): Response {
  const { value, pointer } = context.resolve(raw, at);
  const headers = entriesOf(value.headers);
  const tokens = headers.length === 0 ? [] : parsePointer(pointer);
  return {
    status,
    description: optionalString(value.description) ?? "",
    content: buildContent(value.content, `${pointer}/content`),
    headers: headers.map(([name, header]) => buildHeader(name, header, context.pointer(...tokens, "headers", name), context)),
    pointer,
  };
}

/** The Responses Object (OpenAPI 3 §4.8.16): explicit codes in ascending order, then ranges, then `default`. */
export function buildResponses(raw: unknown, at: string, context: BuildContext): Response[] {
  const responses = entriesOf(raw)
    .filter(([status]) => /^([1-5](\d\d|XX)|default)$/i.test(status))
    .map(([status, response]) => buildResponse(status.toUpperCase().replace("DEFAULT", "default"), response, `${at}/${status}`, context));
  return responses.sort((a, b) => statusRank(a.status) - statusRank(b.status));
}

function statusRank(status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^\dXX$/i.test(status)) return Number(status[0]) * 100 + 99.5;
  return 1000;
}
