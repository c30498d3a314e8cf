import { CORE_SCHEMA, load } from "js-yaml";
import { yamlAnchors } from "../internals.js";

/**
 * Parses the common case of a spec quickly: YAML 1.2 core types, no duplicate keys, no tags
 * beyond the core ones, no nesting past 100 levels and no alias to a mapping or sequence.
 * Returns `undefined` for anything else (including any error), so the caller falls back to the
 * careful parser, which owns the error messages and the alias-expansion guard.
 */
export function parseCommonYaml(text: string): { value: unknown } | undefined {
  let anchors: Record<string, unknown> | undefined;
  try {
    const value = load(text, {
      schema: CORE_SCHEMA,
      json: false,
      listener(_event, state) {
        anchors ??= yamlAnchors(state);
      },
    });
    // An anchored mapping or sequence can be aliased many times over: that expansion is what
    // the careful parser caps, so such documents go to it.
    const anchoredCollection = Object.values(anchors ?? {}).some((node) => typeof node === "object" && node !== null);
    return anchoredCollection ? undefined : { value };
  } catch {
    return undefined;
  }
}
