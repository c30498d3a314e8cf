/**
 * The route table as it was before the tree: a linear scan of one regular expression per path
 * template. Kept as the oracle the tree router is tested against.
 */
import { canonicalPath, collapseSlashes, type RouteMatch, type RouteSpec } from "../../../templates/runtime/server/routes.js";

interface CompiledPath<T> {
  template: string;
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, T>;
}

/**
 * Matches request paths against path templates. Paths with fewer template variables win over
 * those with more (`/users/me` before `/users/{id}`, as OpenAPI requires); a path that exists
 * with other methods yields the `Allow` list for a 405. Captured values stay percent-encoded.
 */
export class RegexRouteTable<T extends RouteSpec> {
  readonly #paths: CompiledPath<T>[] = [];

  constructor(routes: readonly T[], basePath = "") {
    const byTemplate = new Map<string, CompiledPath<T>>();
    for (const route of routes) {
      let compiled = byTemplate.get(route.path);
      if (compiled === undefined) {
        compiled = {
          template: route.path,
          ...compileTemplate(collapseSlashes(basePath + route.path)),
          byMethod: new Map(),
        };
        byTemplate.set(route.path, compiled);
      }
      compiled.byMethod.set(route.method.toUpperCase(), route);
    }
    this.#paths = [...byTemplate.values()].sort(
      (a, b) =>
        a.names.length - b.names.length ||
        (a.template < b.template ? -1 : a.template > b.template ? 1 : 0),
    );
  }

  match(method: string, rawPath: string): RouteMatch<T> {
    const wanted = method.toUpperCase();
    const path = canonicalPath(collapseSlashes(rawPath));
    const allow = new Set<string>();
    for (const compiled of this.#paths) {
      const found = compiled.pattern.exec(path);
      if (found === null) continue;
      const route =
        compiled.byMethod.get(wanted) ??
        (wanted === "HEAD" ? compiled.byMethod.get("GET") : undefined);
      if (route !== undefined) {
        const params = new Map<string, string>();
        compiled.names.forEach((name, index) => params.set(name, found[index + 1] ?? ""));
        return { kind: "found", route, params };
      }
      for (const known of compiled.byMethod.keys()) allow.add(known);
    }
    if (allow.size === 0) return { kind: "not-found" };
    if (allow.has("GET")) allow.add("HEAD");
    return { kind: "method-not-allowed", allow: [...allow].sort() };
  }
}

function compileTemplate(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = "";
  let rest = template;
  for (let match = /\{([^{}]+)\}/.exec(rest); match !== null; match = /\{([^{}]+)\}/.exec(rest)) {
    source += escapeRegExp(canonicalPath(rest.slice(0, match.index))) + "([^/]+?)";
    names.push(match[1] ?? "");
    rest = rest.slice(match.index + match[0].length);
  }
  source += escapeRegExp(canonicalPath(rest));
  // One trailing slash is tolerated, as Express does by default.
  return { pattern: new RegExp(`^${source.replace(/\/$/, "")}/?$`), names };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
