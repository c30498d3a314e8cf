import type { ParameterContract } from "./contract.js";
import { isPlainObject, listItems, mapEntries, simpleStyle } from "./style.js";

/**
 * Fills a path template such as `/users/{userId}/orders` with values, each percent-encoded so
 * it stays inside its own segment (`/` and `?` in a value cannot change the route). Values are
 * written in the style the contract declares for the parameter (`simple` by default: `a,b`,
 * `k,v`; `label`: `.a.b`; `matrix`: `;id=a,b`), exploded or not. The template's literal text is
 * encoded once: what a path segment may hold stays, a `%XX` already written stays, anything else
 * (spaces, non-ASCII) is percent-encoded. A value may not be empty (the path would name another
 * route), and in a segment of several variables (`{name}.{ext}`) a value before the last may not
 * hold the literal text after it, which the server splits on (each variable takes as little as it
 * can, the last the rest).
 */
export function expandPath(
  template: string,
  values: Readonly<Record<string, unknown>>,
  declared: readonly ParameterContract[] = [],
): string {
  return template
    .split("/")
    .map((segment) => {
      const parts = segment.split(/\{([^{}]+)\}/);
      let out = encodeLiteral(parts[0] ?? "");
      for (let index = 1; index < parts.length; index += 2) {
        const name = parts[index] ?? "";
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (value === undefined || value === null) {
          throw new TypeError(`missing path parameter ${JSON.stringify(name)} for ${template}`);
        }
        const parameter = declared.find((entry) => entry.in === "path" && entry.name === name);
        const text = pathSegment(
          value,
          name,
          parameter?.style ?? "simple",
          parameter?.explode ?? false,
        );
        const after = parts[index + 1] ?? "";
        const problem =
          text === "" || text === "." || text === ".."
            ? `may not be ${JSON.stringify(text)} (the URL would name another path)`
            : index + 2 < parts.length && after !== "" && text.includes(encodeLiteral(after))
              ? `may not contain ${JSON.stringify(after)}, which ends it in ${JSON.stringify(segment)}`
              : undefined;
        if (problem !== undefined)
          throw new TypeError(`path parameter ${JSON.stringify(name)} for ${template} ${problem}`);
        out += text + encodeLiteral(after);
      }
      return out;
    })
    .join("/");
}

/** A literal part of a path template with what a path segment may not hold percent-encoded, and nothing encoded twice. */
export function encodeLiteral(text: string): string {
  if (/^[\w\-.~!$&'()*+,;=:@]*$/.test(text)) return text;
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? "";
    if (character === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3)))
      out += character;
    else if (/[\w\-.~!$&'()*+,;=:@]/.test(character)) out += character;
    else {
      const code = text.codePointAt(index) ?? 0;
      const whole = String.fromCodePoint(code);
      // A lone surrogate has no UTF-8 form: it is sent as U+FFFD, as TextEncoder would.
      out += code >= 0xd800 && code <= 0xdfff ? "%EF%BF%BD" : encodeURIComponent(whole);
      index += whole.length - 1;
    }
  }
  return out;
}

function pathSegment(value: unknown, name: string, style: string, explode: boolean): string {
  const where = `path parameter ${JSON.stringify(name)}`;
  const encode = encodeURIComponent;
  if (style === "label") {
    if (!explode || !(Array.isArray(value) || isPlainObject(value)))
      return `.${simpleStyle(value, explode, where, encode)}`;
    const parts = Array.isArray(value)
      ? listItems(value, where).map(encode)
      : mapEntries(value, where).map(([key, item]) => `${encode(key)}=${encode(item)}`);
    return parts.map((part) => `.${part}`).join("");
  }
  if (style === "matrix") {
    if (Array.isArray(value) && explode)
      return listItems(value, where)
        .map((item) => `;${encode(name)}=${encode(item)}`)
        .join("");
    if (isPlainObject(value) && explode)
      return mapEntries(value, where)
        .map(([key, item]) => `;${encode(key)}=${encode(item)}`)
        .join("");
    return `;${encode(name)}=${simpleStyle(value, false, where, encode)}`;
  }
  return simpleStyle(value, explode, where, encode);
}
