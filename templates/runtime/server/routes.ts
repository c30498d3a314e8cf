/** A route: an HTTP method and an OpenAPI path template such as `/users/{userId}`. */
export interface RouteSpec {
  readonly method: string;
  readonly path: string;
}

export type RouteMatch<T> =
  | { kind: "found"; route: T; params: Map<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

/** A path template's operations by method, and what ranks it among templates matching one path. */
interface Template<T> {
  readonly template: string;
  /** Its variables in path order; fewer variables rank first (OpenAPI: concrete before templated). */
  readonly names: readonly string[];
  readonly byMethod: Map<string, T>;
}

/**
 * One path segment's place in the tree: literal segments by their one spelling, a segment that is
 * one variable (`{id}`, any segment that is not empty), then segments with variables and literal
 * parts, which a pattern tells apart.
 */
interface Segment<T> {
  literal: Map<string, Segment<T>> | undefined;
  whole: Segment<T> | undefined;
  patterned: Array<Branch<T>> | undefined;
  /** The templates that end here (two may differ only in their variables' names). */
  ends: Array<Template<T>> | undefined;
}

/** Segments with variables and literal parts (`{name}.{ext}`), by their pattern. */
interface Branch<T> {
  readonly source: string;
  readonly pattern: RegExp;
  readonly next: Segment<T>;
}

/**
 * Matches request paths against path templates, segment by segment through a tree, so the cost
 * of a match follows the path's depth, not the number of routes. Of the templates a path matches,
 * those with fewer variables win (`/users/me` before `/users/{id}`, as OpenAPI requires; ties by
 * template text); a path that exists with other methods yields the `Allow` list for a 405.
 * Repeated slashes count as one, on both sides (proxies merge them). Captured values stay
 * percent-encoded.
 */
export class RouteTable<T extends RouteSpec> {
  readonly #root: Segment<T> = newSegment();
  /**
   * The templates without variables, by their one spelling, in rank order: a path that is one of
   * them, asked with a method it has, is found without walking the tree (none can outrank it).
   */
  readonly #literal = new Map<string, Array<Template<T>>>();

  constructor(routes: readonly T[], basePath = "") {
    const literalEnds = new Map<string, Segment<T>>();
    for (const route of routes) {
      let at = this.#root;
      let literal = true;
      const template = collapseSlashes(basePath + route.path);
      for (const segment of (template.endsWith("/") ? template.slice(0, -1) : template).split(
        "/",
      )) {
        if (!segment.includes("{")) {
          const key = canonicalPath(segment);
          let next = at.literal?.get(key);
          if (next === undefined) (at.literal ??= new Map()).set(key, (next = newSegment()));
          at = next;
          continue;
        }
        literal = false;
        if (/^\{[^{}]+\}$/.test(segment)) {
          at = at.whole ??= newSegment();
          continue;
        }
        const source = segmentPattern(segment);
        let branch = at.patterned?.find((candidate) => candidate.source === source);
        if (branch === undefined) {
          branch = { source, pattern: new RegExp(source), next: newSegment() };
          (at.patterned ??= []).push(branch);
        }
        at = branch.next;
      }
      let end = at.ends?.find((candidate) => candidate.template === route.path);
      if (end === undefined) {
        end = { template: route.path, names: variablesOf(route.path), byMethod: new Map() };
        (at.ends ??= []).push(end);
      }
      end.byMethod.set(route.method.toUpperCase(), route);
      if (literal)
        literalEnds.set(
          canonicalPath(template.endsWith("/") ? template.slice(0, -1) : template),
          at,
        );
    }
    for (const [path, at] of literalEnds)
      this.#literal.set(
        path,
        [...(at.ends ?? [])].sort((a, b) => byRank({ template: a }, { template: b })),
      );
  }

  match(method: string, rawPath: string): RouteMatch<T> {
    // Node and the Fetch API give the common methods in upper case already.
    const wanted = UPPER_CASE_METHODS.has(method) ? method : method.toUpperCase();
    const found: Array<{ template: Template<T>; values: string[] }> = [];
    // One trailing slash is tolerated, as Express does by default: on the template's side (above)
    // and on the request's.
    const path = canonicalPath(collapseSlashes(rawPath));
    for (const template of this.#literal.get(path) ?? []) {
      const route =
        template.byMethod.get(wanted) ??
        (wanted === "HEAD" ? template.byMethod.get("GET") : undefined);
      if (route !== undefined) return { kind: "found", route, params: new Map() };
    }
    collect(this.#root, path, 0, path.length, [], found);
    if (path.endsWith("/")) collect(this.#root, path, 0, path.length - 1, [], found);
    if (found.length > 1) found.sort(byRank);
    let allow: Set<string> | undefined;
    for (const { template, values } of found) {
      const route =
        template.byMethod.get(wanted) ??
        (wanted === "HEAD" ? template.byMethod.get("GET") : undefined);
      if (route !== undefined) {
        const params = new Map<string, string>();
        for (let index = 0; index < template.names.length; index++)
          params.set(template.names[index] ?? "", values[index] ?? "");
        return { kind: "found", route, params };
      }
      for (const known of template.byMethod.keys()) (allow ??= new Set()).add(known);
    }
    if (allow === undefined) return { kind: "not-found" };
    if (allow.has("GET")) allow.add("HEAD");
    return { kind: "method-not-allowed", allow: [...allow].sort() };
  }
}

const UPPER_CASE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Fewer variables first (concrete paths before templated ones), then by template text. */
function byRank<T>(a: { template: Template<T> }, b: { template: Template<T> }): number {
  const { names: aNames, template: aText } = a.template;
  const { names: bNames, template: bText } = b.template;
  return aNames.length - bNames.length || (aText < bText ? -1 : aText > bText ? 1 : 0);
}

/**
 * Every template the segments of `path` from `start` up to `end` reach, with the values captured on
 * the way (`values` is one list pushed to and popped as the walk goes; each find takes a copy). The
 * segments are read in place, one at a time, as `path.slice(0, end).split("/")` would give them
 * (splitting the whole path first made a match take 1.45 times as long: `npm run bench:routing`).
 */
function collect<T>(
  at: Segment<T>,
  path: string,
  start: number,
  end: number,
  values: string[],
  found: Array<{ template: Template<T>; values: string[] }>,
): void {
  if (start > end) {
    if (at.ends !== undefined)
      for (const template of at.ends) found.push({ template, values: values.slice() });
    return;
  }
  // The character at `end` is a slash when the walk stops short of a trailing one.
  const slash = path.indexOf("/", start);
  const stop = slash < 0 ? end : slash;
  const segment = path.slice(start, stop);
  const literal = at.literal?.get(segment);
  if (literal !== undefined) collect(literal, path, stop + 1, end, values, found);
  if (at.whole !== undefined && segment !== "") {
    values.push(segment);
    collect(at.whole, path, stop + 1, end, values, found);
    values.pop();
  }
  if (at.patterned === undefined) return;
  for (const branch of at.patterned) {
    const captured = branch.pattern.exec(segment);
    if (captured === null) continue;
    const before = values.length;
    for (let group = 1; group < captured.length; group++) values.push(captured[group] ?? "");
    collect(branch.next, path, stop + 1, end, values, found);
    values.length = before;
  }
}

/** Each part is made when a template first needs it: a walk reads none that holds nothing. */
function newSegment<T>(): Segment<T> {
  return { literal: undefined, whole: undefined, patterned: undefined, ends: undefined };
}

/**
 * A template segment with variables as a pattern: each variable one or more characters, as few as
 * it can (`{name}.{ext}` splits `a.tar.gz` at the first dot, as Stoplight Prism does; the last
 * variable takes the rest), literal parts in their one spelling.
 */
function segmentPattern(segment: string): string {
  let source = "";
  let rest = segment;
  for (let match = /\{([^{}]+)\}/.exec(rest); match !== null; match = /\{([^{}]+)\}/.exec(rest)) {
    source += escapeRegExp(canonicalPath(rest.slice(0, match.index))) + "([^/]+?)";
    rest = rest.slice(match.index + match[0].length);
  }
  return `^${source}${escapeRegExp(canonicalPath(rest))}$`;
}

function variablesOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? "");
}

/**
 * One spelling per path: each segment decoded, then encoded again, so `/a%20b`, `/a b` and a
 * template written `/a b` all compare equal; a `%` that starts no escape is a `%` (`100%` and
 * `100%25` are one spelling, as the client encodes it). A segment that does not decode (bytes
 * that are not UTF-8) is kept as sent. A path of characters that encoding leaves alone (most
 * paths) is its own spelling already.
 */
export function canonicalPath(path: string): string {
  if (/^[\w\-.!~*'()/]*$/.test(path)) return path;
  return path
    .split("/")
    .map((segment) => {
      try {
        return encodeURIComponent(
          decodeURIComponent(segment.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")),
        );
      } catch {
        return segment;
      }
    })
    .join("/");
}

/** `//` as `/`: one spelling of the separators. */
export function collapseSlashes(path: string): string {
  return path.includes("//") ? path.replace(/\/{2,}/g, "/") : path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
