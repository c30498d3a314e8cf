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
 * A query group whose parameter `Param` takes keys of `Key` only (`x-sort`, `x-fields`, `x-expand`):
 * one key, or a list of keys (sent as one comma list, `category,-price`).
 */
export type KeysIn<Query, Param extends string, Key extends string> = Omit<Query, Param> & {
  [K in Param]?: Key | readonly Key[];
};

/** The first name of a dotted path. */
type HeadOf<Path extends string> = Path extends `${infer Head}.${string}` ? Head : Path;

/** What follows `Name.` in a dotted path. */
type RestOf<Path extends string, Name extends string> = Path extends `${Name}.${infer Rest}`
  ? Rest
  : never;

/** `T` with only the fields `Paths` names (dotted paths reach into nested objects; lists per item). */
export type PickPaths<T, Paths extends string> = T extends readonly (infer Item)[]
  ? PickPaths<Item, Paths>[]
  : T extends object
    ? {
        [K in keyof T as K extends HeadOf<Paths> ? K : never]: K extends Paths
          ? T[K]
          : PickPaths<T[K], RestOf<Paths, K & string>>;
      }
    : T;

/** `T` with the fields `Paths` names as their object form rather than an id (dotted paths reach deeper). */
export type ExpandPaths<T, Paths extends string> = [Paths] extends [never]
  ? T
  : T extends readonly (infer Item)[]
    ? ExpandPaths<Item, Paths>[]
    : T extends object
      ? {
          [K in keyof T]: K extends HeadOf<Paths>
            ? ExpandPaths<
                K extends Paths ? Exclude<T[K], string | number> : T[K],
                RestOf<Paths, K & string>
              >
            : T[K];
        }
      : T;

/** `Body` with the object at `At` (property names, lists walked through) picked or expanded by `Paths`. */
type Reshaped<
  Body,
  At extends readonly string[],
  Mode extends "pick" | "expand",
  Paths extends string,
> = At extends readonly [infer Name extends string, ...infer Rest extends readonly string[]]
  ? Body extends readonly (infer Item)[]
    ? Reshaped<Item, At, Mode, Paths>[]
    : Body extends object
      ? { [K in keyof Body]: K extends Name ? Reshaped<Body[K], Rest, Mode, Paths> : Body[K] }
      : Body
  : Mode extends "pick"
    ? PickPaths<Body, Paths>
    : ExpandPaths<Body, Paths>;

/**
 * A success body as a field selection (`x-fields`) returns it: the object at `At` with the
 * `Selected` fields and the `Always` returned ones; the whole body when nothing is selected.
 */
export type Selected<
  Body,
  At extends readonly string[],
  Fields extends string,
  Always extends string,
> = [Fields] extends [never] ? Body : Reshaped<Body, At, "pick", Fields | Always>;

/** A success body with the `Expansions` (`x-expand`) of the object at `At` in their object form. */
export type Expanded<Body, At extends readonly string[], Expansions extends string> = [
  Expansions,
] extends [never]
  ? Body
  : Reshaped<Body, At, "expand", Expansions>;
