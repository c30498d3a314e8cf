import type { MediaType } from "./model.js";
import { buildSchema } from "./schema.js";
import { entriesOf, isRecord } from "./context.js";
import { escapeToken } from "../pointer.js";

/** A `content` map of Media Type Objects (OpenAPI 3 §4.8.14) at `at`, in document order. */
export function buildContent(content: unknown, at: string): MediaType[] {
  return entriesOf(content).map(([contentType, mediaType]) => ({
    contentType,
    schema: isRecord(mediaType) ? buildSchema(mediaType.schema) : undefined,
    pointer: `${at}/${escapeToken(contentType)}`,
  }));
}
