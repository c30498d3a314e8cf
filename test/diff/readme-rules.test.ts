import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRulesTable } from "../../src/diff/report/rules-table.js";
import { ROOT } from "../helpers.js";

const START = "<!-- diff-rules:start (npm run docs:rules) -->";
const END = "<!-- diff-rules:end -->";

describe("the README's table of diff rules", () => {
  it("is the one rendered from the catalogue", () => {
    const file = join(ROOT, "README.md");
    const readme = readFileSync(file, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, "README has the rules markers").toBeGreaterThan(0);
    const rendered = `${START}\n${renderRulesTable()}\n${END}`;
    if (process.env.UPDATE_README === "1") writeFileSync(file, readme.slice(0, start) + rendered + readme.slice(end + END.length));
    else expect(readme.slice(start, end + END.length)).toBe(rendered);
  });
});
