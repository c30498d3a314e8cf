import type { MediaType } from "./model.js";
import { buildSchema } from "./schema.js";
import { entriesOf, isRecord } from "./context.js";

/** A `content` map of Media Type Objects (OpenAPI 3 §4.8.14), in document order. */
export function buildContent(content: unknown): MediaType[] {
  return entriesOf(content).map(([contentType, mediaType]) => ({
    contentType,
    schema: isRecord(mediaType) ? buildSchema(mediaType.schema) : undefined,
  }));
}
