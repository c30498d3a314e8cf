import type { Check, PatternTest, SchemaError } from "./schema-check.js";
import { escapeToken, hasMember, isSchema, settled, slot, type Schema } from "./schema-keywords.js";

/** Builds the check of a subschema; `composite` is true where ajv assigns no defaults. */
export type Build = (schema: unknown, composite: boolean) => Check;

/** The keywords that apply subschemas and judge by their outcome: `not`, `anyOf`, `oneOf`, `if`, `contains`, `propertyNames`. */

export function notCheck(build: Build, sub: unknown): Check {
  const check = build(sub, true);
  return (data, path, parent, key, errors) => {
    const before = errors.length;
    const matched = check(data, path, parent, key, errors);
    errors.length = before;
    if (matched)
      errors.push({
        instancePath: path,
        keyword: "not",
        params: {},
        message: "must NOT be valid",
      });
    return !matched;
  };
}

/**
 * `anyOf`. Under 2020-12 every branch is applied even after one matched (ajv does, to know which
 * properties they evaluated), so each branch's coercion happens; under draft-07 the first match ends it.
 */
export function anyOfCheck(build: Build, exhaustive: boolean, items: unknown[]): Check {
  const checks = items.map((item) => build(item, true));
  return (data, path, parent, key, errors) => {
    const before = errors.length;
    let matched = false;
    let value = data;
    for (const check of checks) {
      const previous = slot(parent, key);
      const passed = check(value, path, parent, key, errors);
      value = settled(value, previous, parent, key);
      if (!passed) continue;
      matched = true;
      if (!exhaustive) break;
    }
    if (matched) {
      errors.length = before;
      return true;
    }
    errors.push({
      instancePath: path,
      keyword: "anyOf",
      params: {},
      message: "must match a schema in anyOf",
    });
    return false;
  };
}

export function oneOfCheck(build: Build, items: unknown[]): Check {
  const checks = items.map((item) => build(item, true));
  return (data, path, parent, key, errors) => {
    const before = errors.length;
    let passing: number | undefined;
    let passingSchemas: [number, number] | null = null;
    let value = data;
    checks.forEach((check, index) => {
      if (passingSchemas !== null) return;
      const previous = slot(parent, key);
      const passed = check(value, path, parent, key, errors);
      value = settled(value, previous, parent, key);
      if (!passed) return;
      if (passing === undefined) passing = index;
      else passingSchemas = [passing, index];
    });
    if (passing !== undefined && passingSchemas === null) {
      errors.length = before;
      return true;
    }
    errors.push({
      instancePath: path,
      keyword: "oneOf",
      params: { passingSchemas },
      message: "must match exactly one schema in oneOf",
    });
    return false;
  };
}

export function conditionalCheck(
  build: Build,
  schema: Schema,
  composite: boolean,
): Check | undefined {
  const hasThen = Object.hasOwn(schema, "then");
  const hasElse = Object.hasOwn(schema, "else");
  if (!hasThen && !hasElse) return undefined;
  const condition = build(schema["if"], true);
  const then = hasThen ? build(schema["then"], composite) : undefined;
  const otherwise = hasElse ? build(schema["else"], composite) : undefined;
  return (data, path, parent, key, errors) => {
    const before = errors.length;
    const previous = slot(parent, key);
    const matched = condition(data, path, parent, key, errors);
    errors.length = before;
    const value = settled(data, previous, parent, key);
    const branch = matched ? then : otherwise;
    if (branch === undefined || branch(value, path, parent, key, errors)) return true;
    const failingKeyword = matched ? "then" : "else";
    errors.push({
      instancePath: path,
      keyword: "if",
      params: { failingKeyword },
      message: `must match "${failingKeyword}" schema`,
    });
    return false;
  };
}

export function containsCheck(build: Build, schema: Schema): Check {
  const check = build(schema["contains"], true);
  const min = typeof schema["minContains"] === "number" ? schema["minContains"] : 1;
  const max = typeof schema["maxContains"] === "number" ? schema["maxContains"] : undefined;
  const message =
    max === undefined
      ? `must contain at least ${min} valid item(s)`
      : `must contain at least ${min} and no more than ${max} valid item(s)`;
  const params = max === undefined ? { minContains: min } : { minContains: min, maxContains: max };
  return (data, path, _parent, _key, errors) => {
    const items = data as unknown[];
    const scratch: SchemaError[] = [];
    let count = 0;
    items.forEach((item, index) => {
      if (check(item, `${path}/${index}`, items, index, scratch)) count++;
    });
    if (count >= min && (max === undefined || count <= max)) return true;
    errors.push({ instancePath: path, keyword: "contains", params, message });
    return false;
  };
}

export function propertyNamesCheck(build: Build, sub: unknown): Check {
  const check = build(sub, true);
  return (data, path, _parent, _key, errors) => {
    let valid = true;
    for (const propertyName of Object.keys(data as object)) {
      if (check(propertyName, path, undefined, "", errors)) continue;
      errors.push({
        instancePath: path,
        keyword: "propertyNames",
        params: { propertyName },
        message: "property name must be valid",
      });
      valid = false;
    }
    return valid;
  };
}

/** `dependencies` (draft-07), `dependentRequired` and `dependentSchemas`: what a present property brings with it. */
export function dependenciesChecks(build: Build, schema: Schema): Check[] {
  const checks: Check[] = [];
  const entries = [
    ...(isSchema(schema["dependencies"])
      ? Object.entries(schema["dependencies"]).map((e) => ["dependencies", ...e] as const)
      : []),
    ...(isSchema(schema["dependentRequired"])
      ? Object.entries(schema["dependentRequired"]).map((e) => ["dependentRequired", ...e] as const)
      : []),
    ...(isSchema(schema["dependentSchemas"])
      ? Object.entries(schema["dependentSchemas"]).map((e) => ["dependentSchemas", ...e] as const)
      : []),
  ];
  for (const [keyword, property, dependency] of entries) {
    const present = (data: unknown) => hasMember(data as Record<string, unknown>, property);
    if (Array.isArray(dependency)) {
      const deps = dependency as string[];
      const message = `must have ${deps.length === 1 ? "property" : "properties"} ${deps.join(", ")} when property ${property} is present`;
      checks.push((data, path, _parent, _key, errors) => {
        if (!present(data)) return true;
        let valid = true;
        for (const missingProperty of deps) {
          if (hasMember(data as Record<string, unknown>, missingProperty)) continue;
          errors.push({
            instancePath: path,
            keyword,
            params: { property, missingProperty, depsCount: deps.length, deps: deps.join(", ") },
            message,
          });
          valid = false;
        }
        return valid;
      });
    } else {
      const check = build(dependency, false);
      checks.push(
        (data, path, parent, key, errors) =>
          !present(data) || check(data, path, parent, key, errors),
      );
    }
  }
  return checks;
}

/** `properties`, `patternProperties` and `additionalProperties` together: one pass over the keys. */
export function membersCheck(
  build: Build,
  pattern: (source: string) => PatternTest,
  schema: Schema,
  properties: Schema,
  composite: boolean,
): Check | undefined {
  const declared = Object.entries(properties).map(([name, sub]) => ({
    name,
    pointer: `/${escapeToken(name)}`,
    check: build(sub, composite),
  }));
  const patterns = Object.entries(
    isSchema(schema["patternProperties"]) ? schema["patternProperties"] : {},
  ).map(([source, sub]) => ({
    pattern: pattern(source),
    check: build(sub, composite),
  }));
  const additional = schema["additionalProperties"];
  const extra =
    additional === undefined || additional === true
      ? undefined
      : additional === false
        ? false
        : build(additional, composite);
  if (declared.length === 0 && patterns.length === 0 && extra === undefined) return undefined;
  return (data, path, _parent, _key, errors) => {
    const object = data as Record<string, unknown>;
    let valid = true;
    for (const { name, pointer, check } of declared) {
      const value = object[name];
      if (
        value !== undefined &&
        Object.hasOwn(object, name) &&
        !check(value, path + pointer, object, name, errors)
      )
        valid = false;
    }
    if (patterns.length === 0 && extra === undefined) return valid;
    for (const name of Object.keys(object)) {
      const isDeclared = Object.hasOwn(properties, name);
      let matched = false;
      for (const { pattern, check } of patterns) {
        if (!pattern.test(name)) continue;
        matched = true;
        if (!check(object[name], `${path}/${escapeToken(name)}`, object, name, errors))
          valid = false;
      }
      if (isDeclared || matched || extra === undefined) continue;
      if (extra === false) {
        errors.push({
          instancePath: path,
          keyword: "additionalProperties",
          params: { additionalProperty: name },
          message: "must NOT have additional properties",
        });
        valid = false;
      } else if (!extra(object[name], `${path}/${escapeToken(name)}`, object, name, errors))
        valid = false;
    }
    return valid;
  };
}
