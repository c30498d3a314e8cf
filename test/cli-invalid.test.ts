import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, snapshotDir, tempDir } from "./helpers.js";

/** Each invalid fixture: what the message must say, and where (file, then line and/or pointer). */
const CASES: ReadonlyArray<readonly [string, { message: RegExp; where: RegExp }]> = [
  ["malformed.yaml", { message: /invalid YAML/, where: /malformed\.yaml:9:\d+/ }],
  ["schema-invalid.yaml", { message: /not valid OpenAPI: must have required property 'description'/, where: /schema-invalid\.yaml:10 at #\/paths\/~1things\/get\/responses\/200/ }],
  ["unresolved-ref.yaml", { message: /unresolved reference: \$ref "#\/components\/schemas\/Thing"/, where: /unresolved-ref\.yaml:14 at #\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema/ }],
  ["duplicate-operation-id.yaml", { message: /duplicate operationId "getThing"/, where: /duplicate-operation-id\.yaml:14 at #\/paths\/~1things~1\{id\}\/get\/operationId/ }],
  ["swagger1.json", { message: /Swagger "1\.2" is not supported/, where: /swagger1\.json:2 at #\/swagger/ }],
  ["empty.yaml", { message: /the file is empty/, where: /empty\.yaml/ }],
  ["non-utf8.yaml", { message: /not valid UTF-8/, where: /non-utf8\.yaml:3/ }],
  ["alias-bomb.yaml", { message: /Excessive alias count/, where: /alias-bomb\.yaml/ }],
  ["remote-ref.yaml", { message: /remote \$ref refused: "http:\/\/127\.0\.0\.1:9\/schemas\/thing\.yaml"/, where: /remote-ref\.yaml:14 at #\/paths/ }],
  ["bad-rate-limit.yaml", { message: /unknown rate-limit algorithm "leaky-bucket"/, where: /bad-rate-limit\.yaml:9 at #\/paths\/~1things\/get\/x-rate-limit\/algorithm/ }],
  ["bad-pagination.yaml", { message: /x-pagination limitParam "size" is not a query parameter of this operation/, where: /bad-pagination\.yaml:10 at #\/paths\/~1things\/get\/x-pagination\/limitParam/ }],
  ["bad-idempotency.yaml", { message: /x-idempotency ttl is not a duration/, where: /bad-idempotency\.yaml:10 at #\/paths\/~1things\/post\/x-idempotency\/ttl/ }],
  ["bad-sunset.yaml", { message: /x-sunset is not a date/, where: /bad-sunset\.yaml:9 at #\/paths\/~1things\/get\/x-sunset/ }],
  ["ref-cycle.yaml", { message: /refer to each other only through \$ref.*: #\/components\/schemas\/Alpha → #\/components\/schemas\/Beta → #\/components\/schemas\/Alpha/, where: /ref-cycle\.yaml:9 at #\/components\/schemas\/Alpha/ }],
  ["missing-file-ref.yaml", { message: /cannot read a referenced file: .*paths\/nowhere\.yaml/, where: /missing-file-ref\.yaml:6 at #\/paths\/~1things/ }],
];

describe.each(CASES)("invalid fixture %s", (name, expected) => {
  const spec = join(ROOT, "fixtures", "invalid", name);

  it("exits 2 with a located message and a fix, and no stack trace", () => {
    const result = runCli(["validate", spec]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(expected.message);
    expect(result.stderr).toMatch(expected.where);
    expect(result.stderr).toMatch(/\n {2}fix: \S/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });

  it("leaves an empty output folder absent and earlier output byte-identical", () => {
    const dir = tempDir();
    expect(runCli([spec, "-o", "fresh"], dir).status).toBe(2);
    expect(snapshotDir(join(dir, "fresh")).size).toBe(0);

    cpSync(join(ROOT, "test", "golden", "users"), join(dir, "earlier"), { recursive: true });
    writeFileSync(join(dir, "earlier", "mine.ts"), "export const mine = 1;\n");
    const before = snapshotDir(join(dir, "earlier"));
    expect(runCli([spec, "-o", "earlier"], dir).status).toBe(2);
    expect(snapshotDir(join(dir, "earlier"))).toEqual(before);
  });
});

describe("the invalid fixture list", () => {
  it("covers every file in fixtures/invalid", async () => {
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(join(ROOT, "fixtures", "invalid")).sort()).toEqual(CASES.map(([name]) => name).sort());
  });
});

/**
 * Spec text reaches the terminal only as printable text: a control character in a name (a line
 * break would split the message, an escape sequence could rewrite the reader's screen) is written
 * as a `\u001b`-style escape, in the error's message and in where it is.
 */
describe("a name with a control character in an invalid document", () => {
  const CONTROLS = ["\n", "\r", "\u001b[2J", "\u0007", "\u0000", "\u0085", "\u2028"];

  const label = (control: string) => [...control].map((character) => `U+${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`).join(" ");

  it.each(CONTROLS.map((control) => [label(control), control]))("%s is escaped, and the message keeps its lines", (_, control) => {
    const name = `line${control}break`;
    const spec = join(tempDir(), "control.json");
    // The invalid value sits under the name, so the error's pointer holds it.
    const properties = { [name]: { type: "nope" } };
    writeFileSync(spec, JSON.stringify({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, components: { schemas: { Thing: { type: "object", properties } } } }));
    const result = runCli(["validate", spec]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: [^\n]+\n {2}in [^\n]+ at #\/components\/schemas\/Thing\/properties\/line\\u[0-9a-f]{4}[^\n]*\n {2}fix: \S/);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  });
});
