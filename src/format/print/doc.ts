/**
 * A small document printer with prettier's semantics (groups that break when they do not fit,
 * indentation, hard lines that break every enclosing group), so emitters of very large
 * files can write prettier's layout directly instead of paying for a parse and a re-print.
 * Every file written this way is checked against prettier itself by the golden and real-spec
 * tests.
 */

/** The line width of every generated file. */
export const PRINT_WIDTH = 100;

export type Doc = string | Doc[] | Group | Indent | Align | Line | IfBreak | IndentIfBreak;

interface Group {
  kind: "group";
  contents: Doc;
  /** Set for a group that must break, and by {@link printDoc} for any group holding a hard line. */
  break: boolean;
  /** How the group was printed, for an `indent-if-break` that refers to it. */
  mode?: Mode;
}
interface Indent {
  kind: "indent";
  contents: Doc;
}
interface Align {
  kind: "align";
  width: number;
  contents: Doc;
}
interface Line {
  kind: "line";
  /** A soft line prints nothing when flat; a plain line prints a space. */
  soft: boolean;
  hard: boolean;
}
interface IfBreak {
  kind: "if-break";
  breakContents: Doc;
  flatContents: Doc;
}
interface IndentIfBreak {
  kind: "indent-if-break";
  contents: Doc;
  group: Group;
}
export const line: Line = { kind: "line", soft: false, hard: false };
export const softline: Line = { kind: "line", soft: true, hard: false };
export const hardline: Line = { kind: "line", soft: false, hard: true };

export function group(contents: Doc, options: { shouldBreak?: boolean } = {}): Group {
  return { kind: "group", contents, break: options.shouldBreak === true };
}

export function indent(contents: Doc): Indent {
  return { kind: "indent", contents };
}

export function align(width: number, contents: Doc): Align {
  return { kind: "align", width, contents };
}

/** Contents that depend on whether the enclosing group breaks. */
export function ifBreak(breakContents: Doc, flatContents: Doc = ""): IfBreak {
  return { kind: "if-break", breakContents, flatContents };
}

export function indentIfBreak(contents: Doc, decidedBy: Group): IndentIfBreak {
  return { kind: "indent-if-break", contents, group: decidedBy };
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const parts: Doc[] = [];
  docs.forEach((doc, index) => {
    if (index > 0) parts.push(separator);
    parts.push(doc);
  });
  return parts;
}

const BREAK = 1;
const FLAT = 2;
type Mode = typeof BREAK | typeof FLAT;

/** The printer's stack of pending commands, as parallel arrays (large files push millions). */
class Commands {
  readonly docs: Doc[] = [];
  readonly modes: Mode[] = [];
  readonly indentations: string[] = [];

  get length(): number {
    return this.docs.length;
  }

  push(indentation: string, mode: Mode, doc: Doc): void {
    this.docs.push(doc);
    this.modes.push(mode);
    this.indentations.push(indentation);
  }
}

/**
 * Prints a document at a line width, with two-space indentation, as prettier would. With
 * `indentation`, the document starts at that column (after the caller's own indentation) and
 * its lines are indented from there.
 */
export function printDoc(doc: Doc, width: number, indentation = ""): string {
  propagateBreaks(doc);
  const out: string[] = [];
  let position = indentation.length;
  let shouldRemeasure = false;
  const commands = new Commands();
  commands.push(indentation, BREAK, doc);
  while (commands.length > 0) {
    const current = commands.docs.pop() as Doc;
    const mode = commands.modes.pop() as Mode;
    const indentation = commands.indentations.pop() as string;
    if (typeof current === "string") {
      out.push(current);
      // A string holding line breaks is a block printed beforehand: only its last line counts.
      const lastBreak = current.lastIndexOf("\n");
      position = lastBreak === -1 ? position + textWidth(current) : textWidth(current.slice(lastBreak + 1));
      continue;
    }
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) commands.push(indentation, mode, current[index] as Doc);
      continue;
    }
    switch (current.kind) {
      case "indent":
        commands.push(indentation + "  ", mode, current.contents);
        break;
      case "align":
        commands.push(indentation + " ".repeat(current.width), mode, current.contents);
        break;
      case "group": {
        let chosen: Mode;
        if (mode === FLAT && !shouldRemeasure) {
          chosen = current.break ? BREAK : FLAT;
        } else {
          shouldRemeasure = false;
          chosen = !current.break && fits(current.contents, commands, width - position, false) ? FLAT : BREAK;
        }
        commands.push(indentation, chosen, current.contents);
        current.mode = chosen;
        break;
      }
      case "if-break": {
        commands.push(indentation, mode, mode === BREAK ? current.breakContents : current.flatContents);
        break;
      }
      case "indent-if-break": {
        const groupMode = current.group.mode ?? FLAT;
        commands.push(groupMode === BREAK ? indentation + "  " : indentation, mode, current.contents);
        break;
      }
      case "line":
        if (mode === FLAT && !current.hard) {
          if (!current.soft) {
            out.push(" ");
            position += 1;
          }
          break;
        }
        if (mode === FLAT) shouldRemeasure = true;
        trimTrailingSpaces(out);
        out.push("\n" + indentation);
        position = indentation.length;
        break;
    }
  }
  return out.join("");
}

const fitsDocs: Doc[] = [];
const fitsModes: Mode[] = [];

/**
 * Whether `next`, printed flat, fits in `width` columns, reading on into the pending commands
 * after it (in their own modes) up to the first line break.
 */
function fits(next: Doc, rest: Commands | undefined, width: number, mustBeFlat: boolean): boolean {
  let restIndex = rest === undefined ? 0 : rest.length;
  fitsDocs.length = 0;
  fitsModes.length = 0;
  fitsDocs.push(next);
  fitsModes.push(FLAT);
  while (width >= 0) {
    let doc: Doc;
    let mode: Mode;
    if (fitsDocs.length > 0) {
      doc = fitsDocs.pop() as Doc;
      mode = fitsModes.pop() as Mode;
    } else if (rest !== undefined && restIndex > 0) {
      restIndex--;
      doc = rest.docs[restIndex] as Doc;
      mode = rest.modes[restIndex] as Mode;
    } else {
      return true;
    }
    if (typeof doc === "string") {
      width -= textWidth(doc);
      continue;
    }
    if (Array.isArray(doc)) {
      for (let index = doc.length - 1; index >= 0; index--) {
        fitsDocs.push(doc[index] as Doc);
        fitsModes.push(mode);
      }
      continue;
    }
    switch (doc.kind) {
      case "indent":
      case "align":
      case "indent-if-break":
        fitsDocs.push(doc.contents);
        fitsModes.push(mode);
        break;
      case "group":
        if (mustBeFlat && doc.break) return false;
        fitsDocs.push(doc.contents);
        fitsModes.push(doc.break ? BREAK : mode);
        break;
      case "if-break":
        fitsDocs.push(mode === BREAK ? doc.breakContents : doc.flatContents);
        fitsModes.push(mode);
        break;
      case "line":
        if (mode === BREAK || doc.hard) return true;
        if (!doc.soft) width -= 1;
        break;
    }
  }
  return false;
}

/** Marks every group that holds a hard line (directly or through inner groups) as broken. */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) {
    let found = false;
    for (const part of doc) if (propagateBreaks(part)) found = true;
    return found;
  }
  switch (doc.kind) {
    case "line":
      return doc.hard;
    case "group": {
      const inner = propagateBreaks(doc.contents);
      if (inner) doc.break = true;
      return doc.break;
    }
    case "if-break":
      return propagateBreaks(doc.breakContents);
    default:
      return propagateBreaks(doc.contents);
  }
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1] as string;
    let end = last.length;
    while (end > 0 && (last.charCodeAt(end - 1) === 32 || last.charCodeAt(end - 1) === 9)) end--;
    if (end > 0 || last.length === 0) {
      if (end < last.length) out[out.length - 1] = last.slice(0, end);
      return;
    }
    out.pop();
  }
}

const NON_ASCII = /[^\0-\x7f]/;

/** Display width as prettier counts it: wide East Asian characters take two columns. */
export function textWidth(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || /\p{M}/u.test(char) || (code >= 0x200b && code <= 0x200f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
