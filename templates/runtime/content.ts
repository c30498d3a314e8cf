/** The body type of a request body or response: the union of its media types' types (openapi-typescript shapes). */
export type ContentOf<T> = T extends { content: infer Content }
  ? Content[keyof Content]
  : undefined;
