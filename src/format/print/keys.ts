import { KEY_CONTINUE, KEY_START } from "./key-characters.js";

const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NON_ASCII = /[^\0-\x7f]/;

/** A character class body from `key-characters.ts`'s ranges (`aa b5 c0-d6`, hexadecimal code units). */
function characterClass(ranges: string): string {
  const unit = (hex: string) => `\\u${hex.padStart(4, "0")}`;
  return ranges
    .split(" ")
    .map((range) => range.split("-").map(unit).join("-"))
    .join("");
}

const IDENTIFIER = new RegExp(`^[A-Za-z_$${characterClass(KEY_START)}][A-Za-z0-9_$${characterClass(KEY_CONTINUE)}]*$`);

/**
 * Whether prettier (`quoteProps: "as-needed"`) writes an object or type member's key without
 * quotes: an ES5 IdentifierName, Unicode letters included, as its pinned version reads them (the
 * characters outside ASCII come from key-characters.ts, which a test checks against prettier).
 * A key whose quoted form holds an escape keeps its quotes; the caller checks that.
 */
export function unquotedKey(name: string): boolean {
  if (ASCII_IDENTIFIER.test(name)) return true;
  return NON_ASCII.test(name) && IDENTIFIER.test(name);
}
