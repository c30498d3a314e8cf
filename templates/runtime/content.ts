/** The body type of a request body or response: the union of its media types' types (openapi-typescript shapes). */
export type ContentOf<T> = T extends { content: infer Content }
  ? Content[keyof Content]
  : undefined;

/**
 * A type as a response carries it, where the contract marks properties `readOnly`/`writeOnly`
 * (openapi-typescript wraps them in `$Read`/`$Write`): writeOnly properties left out, readOnly
 * ones unwrapped. Bytes (`Blob`) stay as they are.
 */
export type AsReceived<T> = T extends Blob
  ? T
  : T extends { readonly $write: unknown }
    ? never
    : T extends { readonly $read: infer U }
      ? AsReceived<U>
      : T extends readonly (infer E)[]
        ? AsReceived<E>[]
        : T extends object
          ? {
              [
                K in keyof T as NonNullable<T[K]> extends { readonly $write: unknown } ? never : K
              ]: AsReceived<T[K]>;
            }
          : T;

/**
 * A type as a request sends it: readOnly properties may not be sent (typed `never`), writeOnly
 * ones unwrapped. Bytes (`Blob`) stay as they are.
 */
export type AsSent<T> = T extends Blob
  ? T
  : T extends { readonly $read: unknown }
    ? never
    : T extends { readonly $write: infer U }
      ? AsSent<U>
      : T extends readonly (infer E)[]
        ? AsSent<E>[]
        : T extends object
          ? {
              [
                K in keyof T as NonNullable<T[K]> extends { readonly $read: unknown } ? never : K
              ]: AsSent<T[K]>;
            } & {
              [
                K in keyof T as NonNullable<T[K]> extends { readonly $read: unknown } ? K : never
              ]?: never;
            }
          : T;
