/**
 * Prism's request conventions, so habits carry over: `Prefer: code=404` picks the response,
 * `Prefer: example=<name>` the named example, `Prefer: dynamic=true` a drawn value over any
 * example (RFC 7240 preferences, comma-separated).
 */
export interface Prefer {
  code: number | undefined;
  example: string | undefined;
  dynamic: boolean;
}

export function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = { code: undefined, example: undefined, dynamic: false };
  for (const part of (header ?? "").split(/[,;]/)) {
    const [name = "", ...rest] = part.split("=");
    const value = rest.join("=").trim().replace(/^"(.*)"$/, "$1");
    const key = name.trim().toLowerCase();
    if (key === "code" && /^[1-5]\d\d$/.test(value)) prefer.code = Number(value);
    else if (key === "example" && value !== "") prefer.example = value;
    else if (key === "dynamic") prefer.dynamic = value.toLowerCase() === "true";
  }
  return prefer;
}
