import { operationMeta } from "../../src/emit/operations.js";
import type { Operation } from "../../src/ir/model.js";
import { listLength } from "../../src/mock/pages.js";

type Json = Record<string, unknown>;

/** At most this many list operations per spec are walked to their end. */
const LISTS_PER_SPEC = 6;

export interface Walk {
  operation: string;
  items: number;
  expected: number;
  error: string | undefined;
}

/** Some list operations without required parameters, walked with the client's `for await` from their first page to their end. */
export async function walkLists(client: Json, chosen: Array<{ method: string[]; operation: Operation }>): Promise<Walk[]> {
  const lists = chosen
    .filter(({ operation }) => operation.policies.pagination !== undefined && !requiresArguments(operation))
    .slice(0, LISTS_PER_SPEC);
  const walks: Walk[] = [];
  for (const { method, operation } of lists) {
    const contract = (operationMeta(operation) as { pagination: Parameters<typeof listLength>[0] }).pagination;
    let target: unknown = client;
    for (const key of method) target = (target as Json)[key];
    const walk: Walk = { operation: operation.id, items: 0, expected: listLength(contract), error: undefined };
    try {
      for await (const _item of (target as () => AsyncIterable<unknown>)()) {
        walk.items += 1;
        if (walk.items > 10 * walk.expected) throw new Error("the walk does not end");
      }
    } catch (error) {
      walk.error = String(error);
    }
    walks.push(walk);
  }
  return walks;
}

function requiresArguments(operation: Operation): boolean {
  const { path, query, header, cookie } = operation.parameters;
  return [...path, ...query, ...header, ...cookie].some((parameter) => parameter.required) || operation.requestBody?.required === true;
}

