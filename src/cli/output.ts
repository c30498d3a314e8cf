import { printableLines } from "../printable.js";

/** Where commands print: injectable, so tests run commands in-process. */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

/** The terminal: whatever a line holds, only its own line breaks reach it unescaped. */
export const consolePrinter: Printer = {
  out: (line) => process.stdout.write(printableLines(line) + "\n"),
  err: (line) => process.stderr.write(printableLines(line) + "\n"),
};
