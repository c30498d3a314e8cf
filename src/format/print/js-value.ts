import { PRINT_WIDTH, textWidth } from "./doc.js";
import { jsLiteral } from "../../emit/literal.js";
import { JsonTextValue } from "../../emit/generated-file.js";
import { flatJsonText, printJsonText } from "./json-text.js";
import { unquotedKey } from "./keys.js";
import type { ObjectEntry, ValuePosition } from "../../emit/generated-file.js";

export type { ObjectEntry, ValuePosition };

/**
 * JSON data as a JavaScript expression, laid out the way prettier lays out the same literal
 * (written on one line) with the tool's pinned options: an object or array stays on one line
 * when it fits there with what follows it up to the line's end; otherwise one entry per line,
 * each with a trailing comma. Data has no comments and few shapes, so this prints text directly,
 * in one pass, without a document tree: the schemas of a large API are megabytes of it.
 */
export function printValue(value: unknown, at: ValuePosition): string {
  if (value instanceof JsonTextValue) return printJsonText(value, at);
  if (Array.isArray(value)) return printArray(value, at);
  if (isObject(value)) return printObject(entriesOf(value), at, false);
  return scalarText(value);
}

/**
 * An object literal. `expanded` keeps it broken, as prettier keeps an object written over
 * several lines.
 */
export function printObject(entries: ObjectEntry[], at: ValuePosition, expanded: boolean): string {
  if (entries.length === 0) return "{}";
  if (!expanded && entries.every((entry) => entry.comment === undefined)) {
    const flat = flatObject(entries);
    if (flat !== undefined && fits(flat, at)) return flat;
  }
  const inner = at.indentation + "  ";
  const lines = entries.map((entry) => {
    const comment = entry.comment === undefined ? "" : entry.comment.replace(/\n$/, "").split("\n").join(`\n${inner}`) + `\n${inner}`;
    return inner + comment + printProperty(entry.key, entry.value, inner) + ",";
  });
  return `{\n${lines.join("\n")}\n${at.indentation}}`;
}

/** `key: value` at the start of a line indented by `indentation`, followed by a comma. */
function printProperty(key: string, value: unknown, indentation: string): string {
  const printedKey = propertyKey(key);
  const column = indentation.length + textWidth(printedKey) + 2;
  const sameLine = { indentation, column, trailing: 1 };
  // Keys narrower than five columns never move their value to the next line.
  const shortKey = textWidth(printedKey) < 5;
  if (shortKey || typeof value === "number" || typeof value === "boolean") return `${printedKey}: ${printValue(value, sameLine)}`;
  if (value instanceof JsonTextValue) {
    // prettier keeps `new X(`…` on the key's line when the expression's first line fits there.
    const text = printJsonText(value, sameLine);
    const lineBreak = text.indexOf("\n");
    if (column + textWidth(lineBreak === -1 ? text : text.slice(0, lineBreak)) + (lineBreak === -1 ? 1 : 0) <= PRINT_WIDTH) return `${printedKey}: ${text}`;
    const next = indentation + "  ";
    return `${printedKey}:\n${next}${printJsonText(value, { indentation: next, column: next.length, trailing: 1 })}`;
  }
  if (typeof value === "string") {
    // A string cannot break, so the line breaks after the colon when it does not fit.
    const text = scalarText(value);
    if (fits(text, sameLine)) return `${printedKey}: ${text}`;
    return `${printedKey}:\n${indentation}  ${text}`;
  }
  // Anything else stays on the key's line if its first piece (`{`, `[` or all of `null`) fits.
  const opens = (isObject(value) && entryCount(value) > 0) || (Array.isArray(value) && value.length > 0);
  const first = opens ? 1 : textWidth(printValue(value, sameLine)) + 1;
  if (column + first <= PRINT_WIDTH) return `${printedKey}: ${printValue(value, sameLine)}`;
  const next = indentation + "  ";
  return `${printedKey}:\n${next}${printValue(value, { indentation: next, column: next.length, trailing: 1 })}`;
}

function printArray(items: unknown[], at: ValuePosition): string {
  if (items.length === 0) return "[]";
  const inner = at.indentation + "  ";
  if (items.length > 1 && items.every((item) => typeof item === "number")) {
    const texts = items.map((item) => scalarText(item));
    const flat = `[${texts.join(", ")}]`;
    if (fits(flat, at)) return flat;
    // prettier fills a list of numbers: as many per line as fit.
    let text = `[\n${inner}`;
    let column = inner.length;
    texts.forEach((item, index) => {
      const next = texts[index + 1];
      text += item + ",";
      column += textWidth(item) + 1;
      if (next === undefined) return;
      if (column + 1 + textWidth(next) + 1 <= PRINT_WIDTH) {
        text += " ";
        column += 1;
      } else {
        text += `\n${inner}`;
        column = inner.length;
      }
    });
    return `${text}\n${at.indentation}]`;
  }
  if (!breaksAsList(items)) {
    const flat = flatArray(items);
    if (flat !== undefined && fits(flat, at)) return flat;
  }
  const lines = items.map((item) => inner + printValue(item ?? null, { indentation: inner, column: inner.length, trailing: 1 }) + ",");
  return `[\n${lines.join("\n")}\n${at.indentation}]`;
}

function fits(text: string, at: ValuePosition): boolean {
  return at.column + textWidth(text) + at.trailing <= PRINT_WIDTH;
}

/**
 * The value on one line, or undefined when it is wider than `budget` columns (it cannot fit) or
 * prettier would never print it so (it holds a list that always breaks).
 */
function flatValue(value: unknown, budget = PRINT_WIDTH): string | undefined {
  if (value instanceof JsonTextValue) return flatJsonText(value, budget);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : breaksAsList(value) ? undefined : flatArray(value, budget);
  if (isObject(value)) return flatObject(entriesOf(value), budget);
  const text = scalarText(value);
  return textWidth(text) > budget ? undefined : text;
}

function flatArray(items: unknown[], budget = PRINT_WIDTH): string | undefined {
  const texts: string[] = [];
  // `width` is what precedes the next item ("[" and earlier items with their ", "), so an item's
  // budget is never smaller than the room it really has.
  let width = 1;
  for (const item of items) {
    const text = flatValue(item ?? null, budget - width);
    if (text === undefined) return undefined;
    width += textWidth(text) + 2;
    texts.push(text);
  }
  return width - 1 > budget ? undefined : `[${texts.join(", ")}]`;
}

function flatObject(entries: ObjectEntry[], budget = PRINT_WIDTH): string | undefined {
  if (entries.length === 0) return "{}";
  const texts: string[] = [];
  let width = 2;
  for (const entry of entries) {
    const key = propertyKey(entry.key);
    const text = flatValue(entry.value, budget - width - textWidth(key) - 2);
    if (text === undefined) return undefined;
    width += textWidth(key) + textWidth(text) + 4;
    texts.push(`${key}: ${text}`);
  }
  return width > budget ? undefined : `{ ${texts.join(", ")} }`;
}

/** Prettier always breaks an array of two or more objects (or arrays) that each have two or more entries. */
function breaksAsList(items: unknown[]): boolean {
  if (items.length < 2) return false;
  const size = (item: unknown): number => (Array.isArray(item) ? item.length : isObject(item) ? entryCount(item) : 0);
  const firstIsArray = Array.isArray(items[0]);
  return items.every((item) => size(item) > 1 && Array.isArray(item) === firstIsArray);
}

function entriesOf(value: Record<string, unknown>): ObjectEntry[] {
  const entries: ObjectEntry[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined && typeof item !== "function") entries.push({ key, value: item });
  }
  return entries;
}

/** How many entries {@link entriesOf} gives, without making them. */
function entryCount(value: Record<string, unknown>): number {
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item !== undefined && typeof item !== "function") count++;
  }
  return count;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonTextValue);
}

function propertyKey(key: string): string {
  if (key === "__proto__") return '["__proto__"]';
  if (unquotedKey(key)) return key;
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
  // Without a double quote inside, double quotes stay (the common case, checked without counting).
  if (literal.indexOf('"', 1) === literal.length - 1) return literal;
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
