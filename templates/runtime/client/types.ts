import type { ContentOf } from "../content.js";

type SuccessStatus =
  200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 | "2XX" | "200" | "201" | "202" | "204";

/** The body of a successful response: the union of what the operation's 2xx responses carry. */
export type SuccessBody<Responses> = {
  [Status in keyof Responses]: Status extends SuccessStatus ? ContentOf<Responses[Status]> : never;
}[keyof Responses];

/** The items of a list body: the array at `Key`, or the body itself when it is an array. */
export type ItemsOf<Body, Key extends string | undefined> = Key extends string
  ? Body extends Record<Key, infer Items>
    ? Items extends ReadonlyArray<infer Item>
      ? Item
      : never
    : never
  : Body extends ReadonlyArray<infer Item>
    ? Item
    : {
        [K in keyof Body]: NonNullable<Body[K]> extends ReadonlyArray<infer Item> ? Item : never;
      }[keyof Body];
