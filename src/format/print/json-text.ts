import { PRINT_WIDTH, textWidth } from "./doc.js";
import { templateJson } from "../../emit/literal.js";
import { JsonTextValue, type ValuePosition } from "../../emit/generated-file.js";

/**
 * `new <constructorName>(`<JSON>`)` starting at `at`. The JSON inside is laid out for reading in
 * review as prettier lays out data (an object or array on one line when it fits, else one entry
 * per line), its lines indented from `at`'s line; prettier leaves a template literal's inside as
 * it is written.
 */
export function printJsonText(text: JsonTextValue, at: ValuePosition): string {
  const head = `new ${text.constructorName}(\``;
  const json = jsonLayout(text.value, { ...at, column: at.column + head.length, trailing: at.trailing + 2 });
  return `${head}${json}\`)`;
}

/** The whole expression on one line, or undefined when it is wider than `budget` columns. */
export function flatJsonText(text: JsonTextValue, budget: number): string | undefined {
  const head = `new ${text.constructorName}(\``;
  const json = flatJson(text.value, budget - textWidth(head) - 2);
  return json === undefined ? undefined : `${head}${json}\`)`;
}

function jsonLayout(value: unknown, at: ValuePosition): string {
  // JSON text inside JSON text is written as the JSON it holds.
  if (value instanceof JsonTextValue) return jsonLayout(value.value, at);
  // A string or number cannot break: it stays whole however wide.
  if (typeof value !== "object" || value === null) return templateJson(value);
  const flat = flatJson(value, PRINT_WIDTH - at.column - at.trailing);
  if (flat !== undefined) return flat;
  const inner = at.indentation + "  ";
  const position = (column: number): ValuePosition => ({ indentation: inner, column, trailing: 1 });
  if (Array.isArray(value)) {
    const lines = value.map((item) => inner + jsonLayout(item ?? null, position(inner.length)));
    return `[\n${lines.join(",\n")}\n${at.indentation}]`;
  }
  const lines = entriesOf(value as Record<string, unknown>).map(([key, item]) => {
    const prefix = `${templateJson(key)}: `;
    return inner + prefix + jsonLayout(item, position(inner.length + textWidth(prefix)));
  });
  return `{\n${lines.join(",\n")}\n${at.indentation}}`;
}

/** The JSON on one line, or undefined when it is wider than `budget` columns (or is an object or array that cannot be). */
function flatJson(value: unknown, budget: number): string | undefined {
  if (budget < 0) return undefined;
  if (value instanceof JsonTextValue) return flatJson(value.value, budget);
  if (Array.isArray(value)) {
    const items: string[] = [];
    let width = 2;
    for (const item of value) {
      const text = flatJson(item ?? null, budget - width);
      if (text === undefined) return undefined;
      width += textWidth(text) + 2;
      items.push(text);
    }
    return items.length === 0 ? "[]" : width - 2 > budget ? undefined : `[${items.join(", ")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries: string[] = [];
    let width = 2;
    for (const [key, item] of entriesOf(value as Record<string, unknown>)) {
      const prefix = `${templateJson(key)}: `;
      const text = flatJson(item, budget - width - textWidth(prefix) - 2);
      if (text === undefined) return undefined;
      width += textWidth(prefix) + textWidth(text) + 2;
      entries.push(prefix + text);
    }
    return entries.length === 0 ? "{}" : width > budget ? undefined : `{ ${entries.join(", ")} }`;
  }
  const text = templateJson(value);
  return textWidth(text) > budget ? undefined : text;
}

/** The entries JSON keeps (`JSON.stringify` drops undefined and function values). */
function entriesOf(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== "function");
}
