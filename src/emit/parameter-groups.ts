import type { Operation, ParameterLocation } from "../ir/model.js";

/** Each parameter location and the key it has in handler inputs and client params. */
export const PARAMETER_GROUPS: ReadonlyArray<readonly [ParameterLocation, string]> = [
  ["path", "path"],
  ["query", "query"],
  ["header", "headers"],
  ["cookie", "cookies"],
];

/** The PascalCase stem of an operation's type names (`listUsers` → `ListUsers`). */
export function typeStem(operation: Pick<Operation, "id">): string {
  return operation.id.charAt(0).toUpperCase() + operation.id.slice(1);
}
