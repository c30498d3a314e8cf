import type { TypeNode } from "typescript";
import type { ApiModel } from "../ir/model.js";
import { typeRef } from "./nodes.js";
import { runtimeFile, type SourceFile } from "./source-file.js";

/**
 * Types as one side of the wire sees them. When the contract marks properties `readOnly` or
 * `writeOnly`, openapi-typescript wraps them (`$Read`, `$Write`) and the runtime's `AsReceived`
 * (a response: no writeOnly property) and `AsSent` (a request: no readOnly property) unwrap them;
 * otherwise both are the type itself.
 */
export interface WireTypes {
  received(type: TypeNode): TypeNode;
  sent(type: TypeNode): TypeNode;
}

/** The wrappers for a model, each imported into `file` the first time it is used. */
export function wireTypes(model: Pick<ApiModel, "readWrite">, file: SourceFile): WireTypes {
  if (!model.readWrite) return { received: (type) => type, sent: (type) => type };
  const wrap = (name: string) => (type: TypeNode) => {
    file.import(runtimeFile("content.ts"), [name], { typeOnly: true });
    return typeRef(name, type);
  };
  return { received: wrap("AsReceived"), sent: wrap("AsSent") };
}
