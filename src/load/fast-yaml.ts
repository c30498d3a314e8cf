import { CORE_SCHEMA, load } from "js-yaml";
import { yamlAnchors } from "../internals.js";

/**
 * An `&` where YAML lets an anchor stand (at a line's start, after a space, a flow indicator or a
 * flow key's `:`) followed by a name character. Text without one has no anchor, so no alias.
 */
const MAY_HOLD_ANCHOR = /(?:^|[\s[{,:\uFEFF])&[^\s[\]{},]/m;

/**
 * Parses the common case of a spec quickly: YAML 1.2 core types, no duplicate keys, no tags
 * beyond the core ones, no nesting past 100 levels and no alias to a mapping or sequence.
 * Returns `undefined` for anything else (including any error), so the caller falls back to the
 * careful parser, which owns the error messages and the alias-expansion guard.
 */
export function parseCommonYaml(text: string): { value: unknown } | undefined {
  let anchors: Record<string, unknown> | undefined;
  try {
    // js-yaml calls a listener for every node: it is attached only when the text may hold an anchor.
    const listener = MAY_HOLD_ANCHOR.test(text)
      ? (_event: unknown, state: unknown) => {
          anchors ??= yamlAnchors(state);
        }
      : undefined;
    const value = load(text, { schema: CORE_SCHEMA, json: false, ...(listener === undefined ? {} : { listener }) });
    // An anchored mapping or sequence can be aliased many times over: that expansion is what
    // the careful parser caps, so such documents go to it.
    const anchoredCollection = Object.values(anchors ?? {}).some((node) => typeof node === "object" && node !== null);
    return anchoredCollection ? undefined : { value };
  } catch {
    return undefined;
  }
}
