import type { RequestBody } from "./model.js";
import { BuildContext, optionalString } from "./context.js";
import { buildContent } from "./media-type.js";

/** A Request Body Object (OpenAPI 3 §4.8.13). */
export function buildRequestBody(raw: unknown, at: string, context: BuildContext): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const { value, pointer } = context.resolve(raw, at);
  return {
    required: value.required === true,
    description: optionalString(value.description),
    content: buildContent(value.content, `${pointer}/content`),
    pointer,
  };
}
