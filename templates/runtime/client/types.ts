import type { ApiError } from "./errors.js";

type SuccessStatus =
  200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 | "2XX" | "200" | "201" | "202" | "204";

/** Media types whose bodies the client reads as text (see `mediaKind`). */
type TextMedia = `text/${string}` | `${string}xml${string}` | "application/x-www-form-urlencoded";

/**
 * A response body of one media type as the client hands it back: JSON and text as the schema
 * types it, any other media type as a `Blob` (bytes are never decoded as text); a wildcard type
 * as whichever the response turns out to be.
 */
type Received<Media, Body> = Media extends `${string}json${string}` | TextMedia
  ? Body
  : Media extends `${string}*${string}`
    ? Body | Blob
    : Blob;

/** A request body of one media type as the client takes it: bytes for binary media types, `FormData` too for multipart. */
type Sent<Media, Body> = Media extends `${string}json${string}` | TextMedia
  ? Body
  : Media extends `multipart/${string}`
    ? Body | FormData
    : Blob | ArrayBuffer | ArrayBufferView;

/** The body of a response as received: the union over its media types. */
export type ReceivedContent<T> = T extends { content: infer Content }
  ? { [Media in keyof Content]: Received<Media, Content[Media]> }[keyof Content]
  : undefined;

/** The body of a request as sent: the union over its media types. */
export type RequestContent<T> = T extends { content: infer Content }
  ? { [Media in keyof Content]: Sent<Media, Content[Media]> }[keyof Content]
  : undefined;

/** The body of a successful response: the union of what the operation's 2xx responses carry. */
export type SuccessBody<Responses> = {
  [Status in keyof Responses]: Status extends SuccessStatus
    ? ReceivedContent<Responses[Status]>
    : never;
}[keyof Responses];

/** A declared status key as a number type: `404` for "404", any status for `4XX` or `default`. */
type StatusOf<Key> = Key extends number
  ? Key
  : Key extends `${infer Code extends number}`
    ? Code
    : number;

/**
 * The errors an operation declares: an `ApiError` per non-2xx response, its `body` typed as that
 * response's content. Narrow on `status`: `if (error.status === 404) error.body…`.
 */
export type ErrorOf<Responses> = {
  [Status in keyof Responses]: Status extends SuccessStatus
    ? never
    : ApiError<ReceivedContent<Responses[Status]>, StatusOf<Status>>;
}[keyof Responses];

/** The items of a list body: the array at `Key` (present or not), or the body itself when it is an array. */
export type ItemsOf<Body, Key extends string | undefined> = Key extends string
  ? Body extends Partial<Record<Key, infer Items>>
    ? NonNullable<Items> extends ReadonlyArray<infer Item>
      ? Item
      : never
    : never
  : Body extends ReadonlyArray<infer Item>
    ? Item
    : {
        [K in keyof Body]: NonNullable<Body[K]> extends ReadonlyArray<infer Item> ? Item : never;
      }[keyof Body];

/** `T` with the keys `K` optional (a header the client fills in itself, such as an idempotency key). */
export type OptionalKeys<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** One sort key as a caller writes it: a sortable field, `-` before it for descending. */
export type SortKeyOf<Field extends string> = Field | `-${Field}` | `+${Field}`;

/**
 * A query group whose sort parameter (`x-sort`) takes the sortable fields only: one key, or a list
 * of keys (sent as `category,-price`).
 */
export type SortedBy<Query, Param extends string, Field extends string> = Omit<Query, Param> & {
  [K in Param]?: SortKeyOf<Field> | readonly SortKeyOf<Field>[];
};
