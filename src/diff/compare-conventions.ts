import type { Operation } from "../ir/model.js";
import type { OperationRef } from "./finding.js";
import { extensionAt, report, type DiffContext } from "./context.js";


/** What the three query conventions share: keys a caller names in one parameter, from a list, up to a number. */
interface Keyed {
  param: string;
  fields: readonly string[];
  max: number;
  depth?: number;
}

/** How one convention's changes are named: its rule prefix, its extension, what a key does, and its max rule's suffix. */
interface Convention {
  prefix: "sort" | "fields" | "expand";
  extension: string;
  verb: string;
  max: string;
}

const SORT: Convention = { prefix: "sort", extension: "x-sort", verb: "sortable", max: "max-keys" };
const FIELDS: Convention = { prefix: "fields", extension: "x-fields", verb: "selectable", max: "max" };
const EXPAND: Convention = { prefix: "expand", extension: "x-expand", verb: "expandable", max: "max" };

/**
 * `x-sort`, `x-fields` and `x-expand`: a key a caller may name that is gone, fewer keys at once,
 * a shallower path, another parameter, or a field no longer always returned break callers;
 * new keys and higher limits do not.
 */
export function compareConventions(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const { sort: sortBefore, fields: fieldsBefore, expand: expandBefore } = base.policies;
  const { sort: sortAfter, fields: fieldsAfter, expand: expandAfter } = head.policies;
  const sorts = (sort: typeof sortBefore) => sort && { param: sort.param, fields: sort.fields, max: sort.maxKeys };
  compareKeyed(context, { base, head, operation }, SORT, sorts(sortBefore), sorts(sortAfter));
  if (sortBefore !== undefined && sortAfter !== undefined) {
    const order = (sort: typeof sortBefore) => sort.defaults.map((key) => `${key.direction === "desc" ? "-" : ""}${key.field}`).join(",") || "none";
    if (order(sortBefore) !== order(sortAfter)) report(context, { ...extensionAt(context, base, head, "x-sort"), rule: "sort-default-changed", message: `default order ${order(sortBefore)} → ${order(sortAfter)}` }, operation);
  }
  const selections = (fields: typeof fieldsBefore) => fields && { param: fields.param, fields: fields.fields, max: fields.maxFields, depth: fields.depth };
  compareKeyed(context, { base, head, operation }, FIELDS, selections(fieldsBefore), selections(fieldsAfter));
  if (fieldsBefore !== undefined && fieldsAfter !== undefined) {
    for (const field of fieldsBefore.always.filter((name) => !fieldsAfter.always.includes(name))) {
      report(context, { ...extensionAt(context, base, head, "x-fields"), rule: "fields-always-removed", message: `${field} is no longer returned whatever is selected`, impact: `callers that select fields and read ${field}` }, operation);
    }
  }
  const expansions = (expand: typeof expandBefore) => expand && { param: expand.param, fields: expand.fields, max: expand.maxExpansions, depth: expand.depth };
  compareKeyed(context, { base, head, operation }, EXPAND, expansions(expandBefore), expansions(expandAfter));
}

function compareKeyed(
  context: DiffContext,
  { base, head, operation }: { base: Operation; head: Operation; operation: OperationRef },
  convention: Convention,
  before: Keyed | undefined,
  after: Keyed | undefined,
): void {
  if (before === undefined && after === undefined) return;
  const { prefix, verb } = convention;
  const at = extensionAt(context, base, head, convention.extension);
  const add = (rule: string, message: string, impact?: string) => report(context, { ...at, rule: `${prefix}-${rule}`, message, ...(impact === undefined ? {} : { impact }) }, operation);
  if (before === undefined || after === undefined) {
    if (after !== undefined) add("added", `${verb}: ${after.fields.join(", ")}`);
    else if (before !== undefined && head.parameters.query.some((parameter) => parameter.name === before.param)) {
      // The parameter is still declared (an inference undone by a wider schema, or the extension turned off): callers' keys still pass.
      add("unchecked", `${before.param} is no longer checked as ${verb} ${before.fields.join(", ")}`);
    } else if (before !== undefined) add("removed", `no longer ${verb}: ${before.fields.join(", ")}`, `callers that send ${before.param}`);
    return;
  }
  if (before.param !== after.param) add("param-changed", `${before.param} → ${after.param}`, `callers that send ${before.param}`);
  for (const field of before.fields.filter((name) => !after.fields.includes(name))) add("field-removed", `${field} is no longer ${verb}`, `callers that name ${field} in ${before.param}`);
  for (const field of after.fields.filter((name) => !before.fields.includes(name))) add("field-added", `${field} is now ${verb}`);
  if (after.max < before.max) add(`${convention.max}-decreased`, `at most ${before.max} → ${after.max}`, `callers that name more than ${after.max}`);
  if (after.max > before.max) add(`${convention.max}-increased`, `at most ${before.max} → ${after.max}`);
  if (before.depth !== undefined && after.depth !== undefined && after.depth < before.depth) add("depth-decreased", `at most ${before.depth} → ${after.depth} levels`, `callers that name paths ${before.depth} levels deep`);
}
