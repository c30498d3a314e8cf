/**
 * Spec text as one line of a terminal or a log: control characters (an escape sequence in a
 * property name could rewrite the reader's screen; a line break would split a message), and line
 * and paragraph separators, written as `\u001b`-style escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escape);
}

/**
 * A line the CLI prints, whose own line breaks (between the lines of one message) stay: every
 * other control character is escaped, as in {@link printable}, whatever part of it came from spec
 * text.
 */
export function printableLines(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, escape);
}

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
