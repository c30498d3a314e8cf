import { readExpand } from "./expand.js";
import { readFields, selectedPaths, selectionOf, type Selection } from "./fields.js";
import type { QueryPairs } from "./parameters.js";
import type { Route } from "./route.js";
import { readSort } from "./sort.js";

/**
 * The query conventions the contract declares, read and checked into the handler's input: `sort`
 * (`x-sort`), `fields` (`x-fields`: the selected and always-returned paths, undefined for all) and
 * `expand` (`x-expand`). Returns what the field selection keeps of the success body, if any.
 */
export function readConventions(
  operation: Route,
  query: QueryPairs,
  input: Record<string, unknown>,
): Selection | undefined {
  if (operation.sort !== undefined) input["sort"] = readSort(operation.sort, query);
  if (operation.expand !== undefined) input["expand"] = readExpand(operation.expand, query);
  if (operation.fields === undefined) return undefined;
  const selected = readFields(operation.fields, query);
  const selection = selected === undefined ? undefined : selectionOf(operation.fields, selected);
  input["fields"] = selection === undefined ? undefined : selectedPaths(selection);
  return selection;
}
