/** Visible ASCII that is safe in a header and a log line: no spaces, quotes, CR or LF. */
const WELL_FORMED = /^[A-Za-z0-9._:@+=\/-]{1,128}$/;

/**
 * The id of a request: the client's `X-Request-ID` when it is well-formed (1–128 characters of
 * letters, digits and `._:@+=/-`), otherwise a fresh UUID. A malformed id is replaced, never echoed.
 */
export function requestIdFor(incoming: string | undefined): string {
  return incoming !== undefined && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}
