/**
 * Response examples that break their own schema: a contract bug its author wants to know of, and
 * examples `codegen mock` never serves.
 */
import type { ApiModel } from "../ir/model.js";
import { escapeToken } from "../pointer.js";
import { mockContract } from "./contract.js";
import { mediaExamples } from "./examples.js";
import { loadRuntime } from "./runtime.js";

export interface BrokenExample {
  /** Where the example is: `…/examples/<name>`, `…/example`, or the schema's own `…/schema/example`. */
  pointer: string;
  operationId: string;
  status: string;
  /** The first ways it breaks the schema. */
  problem: string;
}

export async function brokenExamples(model: ApiModel): Promise<BrokenExample[]> {
  const runtime = await loadRuntime();
  const { contract, operations } = mockContract(model, runtime);
  const validators = new runtime.ContractValidators(contract.schemas, runtime.vmPatternTest);
  const broken: BrokenExample[] = [];
  for (const operation of operations) {
    for (const response of operation.responses) {
      for (const media of response.content) {
        const validate = validators.response(operation.id, response.status, media.contentType);
        if (validate === undefined) continue;
        for (const [name, value] of mediaExamples(model.typesSource, media.pointer)) {
          runtime.usePatternBudget({ remainingMs: 50 });
          if (validate(value)) continue;
          const where = name === "example" ? "example" : name === "schema" ? "schema/example" : `examples/${escapeToken(name)}`;
          const problem = (validate.errors ?? []).slice(0, 2).map((error) => `${error.instancePath || "/"} ${error.message}`).join("; ");
          broken.push({ pointer: `${media.pointer}/${where}`, operationId: operation.id, status: response.status, problem });
        }
      }
    }
  }
  return broken;
}
