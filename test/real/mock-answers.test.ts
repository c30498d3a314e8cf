import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Operation, Response } from "../../src/ir/model.js";
import { MockAnswers } from "../../src/mock/answers.js";
import { mockContract } from "../../src/mock/contract.js";
import { parsePrefer } from "../../src/mock/prefer.js";
import { loadRuntime } from "../../src/mock/runtime.js";
import { loadModel } from "../../src/pipeline.js";
import { ajvValidator } from "../runtime/validation/ajv-reference.js";
import { SPECS_DIR, allSpecs } from "./specs.js";

const table: string[] = [];
afterAll(() => console.log(["every declared response of every operation, drawn by the mock (Prefer: code, dynamic=true) and judged by ajv:", ...table].join("\n")));

/** A status that selects this response and no other: itself, a code of its range no entry names, or one no entry covers. */
function statusFor(operation: Operation, response: Response): number | undefined {
  if (/^\d{3}$/.test(response.status)) return Number(response.status);
  const declared = new Set(operation.responses.map((entry) => entry.status));
  const covered = (code: number) => declared.has(String(code)) || (response.status === "default" && declared.has(`${String(code).charAt(0)}XX`));
  const range = response.status === "default" ? [...Array.from({ length: 100 }, (_, index) => 500 + index), ...Array.from({ length: 100 }, (_, index) => 400 + index)] : Array.from({ length: 100 }, (_, index) => Number(response.status.charAt(0)) * 100 + index);
  return range.find((code) => !covered(code));
}

describe.each(allSpecs())("the mock of %s", (name) => {
  it("draws every declared response on contract, or says it cannot", { timeout: 600_000 }, async () => {
    const { model } = await loadModel({ spec: join(SPECS_DIR, name), allowRemote: false });
    const runtime = await loadRuntime();
    const { contract, operations } = mockContract(model, runtime);
    const answers = new MockAnswers({
      schemas: contract.schemas.document,
      openapi: model.typesSource,
      seed: 1,
      runtime,
      validators: new runtime.ContractValidators(contract.schemas, runtime.vmPatternTest),
      unserved: () => {},
    });
    let drawn = 0;
    const cannot: string[] = [];
    const offContract: string[] = [];
    const ajvRefused: string[] = [];
    const began = performance.now();
    for (const operation of operations) {
      for (const response of operation.responses) {
        const media = response.content.find((entry) => /[/+]json\b/i.test(entry.contentType));
        const code = statusFor(operation, response);
        if (media === undefined || code === undefined || media.schema === undefined) continue;
        let answer: { status: number; body?: unknown };
        try {
          answer = answers.answer(operation, undefined, {}, { prefer: { ...parsePrefer(undefined), code, dynamic: true }, url: "/" });
        } catch (error) {
          cannot.push(`${operation.id} ${response.status}: ${(error as Error).message.slice(0, 160)}`);
          continue;
        }
        drawn += 1;
        let validate;
        try {
          validate = ajvValidator(contract.schemas.openapi, contract.schemas.document, "response", ["operations", operation.id, "responses", response.status, media.contentType]);
        } catch (error) {
          ajvRefused.push(`${operation.id} ${response.status}: ${(error as Error).message.slice(0, 120)}`);
          continue;
        }
        if (!validate(structuredClone(answer.body))) offContract.push(`${operation.id} ${response.status}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      }
    }
    table.push(`  ${name}: ${drawn} drawn in ${Math.round(performance.now() - began)} ms, ${offContract.length} off-contract by ajv, ${cannot.length} the mock cannot draw (a 500 saying so), ${ajvRefused.length} ajv cannot compile`);
    for (const line of [...cannot, ...ajvRefused]) table.push(`    ${line}`);
    expect(offContract).toEqual([]);
  });
});
