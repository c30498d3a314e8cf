import type { Operation, Parameter } from "../ir/model.js";
import type { OperationRef } from "./finding.js";
import { report, type DiffContext } from "./context.js";

/** A parameter's identity in its operation: its location and name (header names without case). */
function keyOf(parameter: Parameter): string {
  return `${parameter.in}:${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
}

function pathNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? "");
}

/**
 * The parameters clients send. Path parameters pair by their place in the template (a new name
 * is the same URL: an sdk change); the others by location and name, and a name that moved to
 * another location is a location change, not a removal and an addition.
 */
export function compareParameters(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  comparePathParameters(context, base, head, operation);
  compareNamedParameters(context, base, head, operation);
}

function comparePathParameters(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const baseNames = pathNames(base.path);
  const headNames = pathNames(head.path);
  baseNames.forEach((name, index) => {
    const headName = headNames[index];
    const baseParameter = base.parameters.path.find((parameter) => parameter.name === name);
    const headParameter = head.parameters.path.find((parameter) => parameter.name === headName);
    if (headName !== undefined && headName !== name) {
      report(
        context,
        {
          rule: "path-parameter-renamed",
          location: `path.${name}`,
          basePointer: baseParameter?.pointer ?? base.pointer,
          headPointer: headParameter?.pointer ?? head.pointer,
          message: `path parameter {${name}} → {${headName}}`,
          impact: `code that passes ${name} by name`,
        },
        operation,
      );
    }
    if (baseParameter !== undefined && headParameter !== undefined) compareParameter(context, baseParameter, headParameter, operation);
  });
}

function compareNamedParameters(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const others = (of: Operation) => [...of.parameters.query, ...of.parameters.header, ...of.parameters.cookie];
  const heads = new Map(others(head).map((parameter) => [keyOf(parameter), parameter]));
  const matched = new Set<Parameter>();
  for (const baseParameter of others(base)) {
    const same = heads.get(keyOf(baseParameter));
    if (same !== undefined) {
      matched.add(same);
      compareParameter(context, baseParameter, same, operation);
      continue;
    }
    const lower = baseParameter.name.toLowerCase();
    const moved = others(head).find((parameter) => !matched.has(parameter) && !others(base).some((other) => keyOf(other) === keyOf(parameter)) && parameter.name.toLowerCase() === lower);
    const location = `${baseParameter.in}.${baseParameter.name}`;
    if (moved !== undefined) {
      matched.add(moved);
      report(
        context,
        {
          rule: "request-parameter-location-changed",
          location,
          basePointer: baseParameter.pointer,
          headPointer: moved.pointer,
          message: `${baseParameter.name} moved from ${baseParameter.in} to ${moved.in}`,
          impact: `clients that send ${baseParameter.name} in the ${baseParameter.in}`,
        },
        operation,
      );
      continue;
    }
    report(
      context,
      {
        rule: "request-parameter-removed",
        location,
        basePointer: baseParameter.pointer,
        headPointer: head.pointer,
        message: `${baseParameter.in} parameter ${baseParameter.name} removed`,
        impact: `clients that send ${baseParameter.name}`,
      },
      operation,
    );
  }
  for (const headParameter of others(head)) {
    if (matched.has(headParameter)) continue;
    report(
      context,
      {
        rule: headParameter.required ? "request-required-parameter-added" : "request-parameter-added",
        location: `${headParameter.in}.${headParameter.name}`,
        basePointer: base.pointer,
        headPointer: headParameter.pointer,
        message: `${headParameter.required ? "required" : "optional"} ${headParameter.in} parameter ${headParameter.name} added`,
        ...(headParameter.required ? { impact: `clients that do not send ${headParameter.name}` } : {}),
      },
      operation,
    );
  }
}

function compareParameter(context: DiffContext, base: Parameter, head: Parameter, operation: OperationRef): void {
  const location = `${base.in}.${base.name}`;
  const pointers = { basePointer: base.pointer, headPointer: head.pointer, location };
  if (base.required !== head.required) {
    report(
      context,
      head.required
        ? { rule: "request-parameter-became-required", ...pointers, message: `${base.name} became required`, impact: `clients that do not send ${base.name}` }
        : { rule: "request-parameter-became-optional", ...pointers, message: `${base.name} became optional` },
      operation,
    );
  }
  if (base.style !== head.style) {
    report(context, { rule: "request-parameter-style-changed", ...pointers, message: `style ${base.style} → ${head.style}`, impact: `clients that serialize ${base.name} as ${base.style}` }, operation);
  } else if (base.explode !== head.explode) {
    report(context, { rule: "request-parameter-explode-changed", ...pointers, message: `explode ${base.explode} → ${head.explode}`, impact: `clients that serialize ${base.name} with explode ${base.explode}` }, operation);
  }
  if (!base.deprecated && head.deprecated) report(context, { rule: "request-parameter-deprecated", ...pointers, message: `${base.name} deprecated` }, operation);
  context.schemas.compare(
    { schema: base.schema ?? {}, pointer: base.schemaPointer },
    { schema: head.schema ?? {}, pointer: head.schemaPointer },
    location,
    { context: "request-parameter", direction: "request", root: location },
    operation,
  );
}
