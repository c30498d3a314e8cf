/** `Deprecation` (RFC 9745: deprecated as of an unstated past date) and `Sunset` (RFC 8594). */
export function addDeprecationHeaders(
  headers: Map<string, string>,
  sunset: string | undefined,
): void {
  headers.set("deprecation", "@0");
  if (sunset !== undefined) {
    const date = new Date(sunset);
    if (!Number.isNaN(date.getTime())) headers.set("sunset", date.toUTCString());
  }
}
