/**
 * Turning spec names into identifiers: ASCII letters and digits only, never a reserved word,
 * unique case-insensitively. The same input always yields the same names.
 */

const RESERVED = new Set([
  // ECMAScript reserved and strict-mode words
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
  "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
  "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
  "package", "private", "protected", "public", "await", "arguments", "eval",
  // TypeScript type names and keywords that cannot name a type or read badly as one
  "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint",
  "undefined", "type", "namespace", "module", "declare", "abstract", "as", "asserts", "infer",
  "is", "keyof", "readonly", "require", "global", "satisfies", "accessor", "out",
  // Names with meaning on every object
  "constructor", "prototype", "__proto__", "toString", "valueOf", "hasOwnProperty",
  "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__",
  "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "then",
]);

/** Splits text into ASCII words, keeping camelCase boundaries that are already there. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function finish(identifier: string, fallback: string): string {
  let result = identifier === "" ? fallback : identifier;
  if (/^[0-9]/.test(result)) result = "_" + result;
  if (RESERVED.has(result) || RESERVED.has(result.toLowerCase())) result += "_";
  return result;
}

/** `list users` → `listUsers`; words already in camelCase keep their inner capitals. */
export function camelCase(text: string, fallback = "value"): string {
  const [first = "", ...rest] = words(text);
  const head = /^[A-Z0-9]+$/.test(first) ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  return finish(head + rest.map(capitalize).join(""), fallback);
}

/** `user profile` → `UserProfile`. */
export function pascalCase(text: string, fallback = "Value"): string {
  return finish(words(text).map(capitalize).join(""), fallback);
}

/**
 * Hands out unique names: a name already taken (ignoring case) gets the smallest free numeric
 * suffix. Callers must offer names in a stable order.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  claim(name: string): string {
    let candidate = name;
    for (let suffix = 2; this.taken.has(candidate.toLowerCase()); suffix++) candidate = `${name}${suffix}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
