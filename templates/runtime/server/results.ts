import type { ContentOf } from "../content.js";

export type { ContentOf };

/** The result of a handler that has not been written yet; the server answers 501 in its error format. */
export class NotImplemented {
  readonly status = 501;
}

/** Returned by scaffolded handlers until they are implemented. */
export function notImplemented(): NotImplemented {
  return new NotImplemented();
}

/**
 * The result of a write whose precondition (`If-Match`, `If-Unmodified-Since`) does not hold for
 * the stored version; the server answers 412 in its error format.
 */
export class PreconditionFailed {
  readonly status = 412;
}

/** Returned by a handler when `input.precondition.matches(...)` is false for what it stores. */
export function preconditionFailed(): PreconditionFailed {
  return new PreconditionFailed();
}

export type Awaitable<T> = T | Promise<T>;

/** The headers a response declares (with an index signature for any others). */
export type HeadersOf<T> = T extends { headers: infer Headers } ? Headers : Record<string, unknown>;

/**
 * One allowed result of a handler: a status the contract declares, the body that status
 * carries, and optional headers. `R` is the response as openapi-typescript types it.
 */
export type Reply<R, Status extends number> = [ContentOf<R>] extends [undefined]
  ? { status: Status; body?: undefined; headers?: HeadersOf<R> }
  : { status: Status; body: ContentOf<R>; headers?: HeadersOf<R> };

/** As {@link Reply}, for responses that declare a required header. */
export type ReplyWithHeaders<R, Status extends number> = Reply<R, Status> & {
  headers: HeadersOf<R>;
};

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<Text> = Text extends `${infer N extends number}` ? N : never;

/** Every status in a range such as `2XX`: `StatusRange<2>` is `200 | 201 | … | 299`. */
export type StatusRange<Class extends 1 | 2 | 3 | 4 | 5> = ToNumber<`${Class}${Digit}${Digit}`>;
