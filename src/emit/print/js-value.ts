import { group, ifBreak, indent, join, line, softline, fill, type Doc } from "./doc.js";
import { propertyAssignment } from "./assignment.js";
import { jsLiteral } from "../literal.js";

/**
 * A JSON value as a JavaScript expression laid out the way prettier lays out the same literal
 * (written on one line) with the tool's pinned options: objects and arrays on one line when they
 * fit, otherwise one entry per line with a trailing comma; keys unquoted where they can be.
 */
export function jsValueDoc(value: unknown, options: { expanded?: boolean } = {}): Doc {
  if (Array.isArray(value)) return arrayDoc(value);
  if (typeof value === "object" && value !== null) return objectDoc(value as Record<string, unknown>, options.expanded === true);
  return scalarText(value);
}

function objectDoc(value: Record<string, unknown>, expanded: boolean): Doc {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== "function");
  return objectLiteralDoc(
    entries.map(([key, item]) => propertyDoc(key, item)),
    expanded,
  );
}

/** `{ a, b }` from printed properties; `expanded` keeps it broken as prettier keeps an object written over several lines. */
export function objectLiteralDoc(properties: Doc[], expanded: boolean): Doc {
  if (properties.length === 0) return "{}";
  return group(["{", indent([line, join([",", line], properties)]), ifBreak(","), line, "}"], { shouldBreak: expanded });
}

/** `key: value` with prettier's assignment layouts for an object property. */
export function propertyDoc(key: string, value: unknown): Doc {
  const side = typeof value === "string" ? "unbreakable" : typeof value === "number" || typeof value === "boolean" ? "literal" : "breakable";
  return propertyAssignment(propertyKey(key), jsValueDoc(value), side);
}

function arrayDoc(items: unknown[]): Doc {
  if (items.length === 0) return "[]";
  const docs = items.map((item) => jsValueDoc(item ?? null));
  if (items.length > 1 && items.every((item) => typeof item === "number")) {
    // Prettier fills a list of numbers: as many per line as fit.
    const list = group([]);
    const parts = join(
      line,
      docs.map((doc, index) => [doc, index < docs.length - 1 ? "," : ifBreak(",", "", list)]),
    );
    list.contents = ["[", indent([softline, fill(parts)]), softline, "]"];
    return list;
  }
  return group(["[", indent([softline, join([",", line], docs), ifBreak(",")]), softline, "]"], {
    shouldBreak: breaksAsList(items),
  });
}

/** Prettier always breaks an array of two or more objects (or arrays) that each have two or more entries. */
function breaksAsList(items: unknown[]): boolean {
  if (items.length < 2) return false;
  const size = (item: unknown): number | undefined => {
    if (Array.isArray(item)) return item.length;
    if (typeof item === "object" && item !== null) return Object.keys(item).length;
    return undefined;
  };
  const firstIsArray = Array.isArray(items[0]);
  return items.every((item) => (size(item) ?? 0) > 1 && Array.isArray(item) === firstIsArray);
}

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(key: string): string {
  if (key === "__proto__") return '["__proto__"]';
  if (ES5_IDENTIFIER.test(key)) return key;
  return quoted(key);
}

function scalarText(value: unknown): string {
  if (typeof value === "string") return quoted(value);
  if (typeof value === "number") return printNumber(jsLiteral(value));
  return jsLiteral(value);
}

/** A string literal as prettier prints it. */
export function quoted(text: string): string {
  return preferredQuotes(jsLiteral(text));
}

/**
 * prettier's choice of quotes for a double-quoted literal: kept as it is, unless it holds more
 * double quotes than single quotes, in which case it is single-quoted (other escapes stay).
 */
export function preferredQuotes(literal: string): string {
  const raw = literal.slice(1, -1);
  const doubles = (raw.match(/"/g) ?? []).length;
  const singles = (raw.match(/'/g) ?? []).length;
  if (doubles <= singles) return literal;
  const content = raw.replace(/\\(.)|(')/gs, (match: string, escaped: string | undefined) =>
    escaped === undefined ? "\\'" : escaped === '"' ? '"' : match,
  );
  return `'${content}'`;
}

/** A number as prettier prints it; JavaScript's own number text differs from it only in `e+` exponents. */
export function printNumber(text: string): string {
  return text.toLowerCase().replace("e+", "e");
}
