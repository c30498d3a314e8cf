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

/** Segments with variables and literal parts (`{name}.{ext}`), by their literal parts. */
interface Branch<T> {
  /** The literal parts around the variables, in their one spelling: one more than the variables. */
  readonly literals: readonly string[];
  readonly key: string;
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
        const literals = segment.split(/\{[^{}]+\}/).map((part) => canonicalPath(part));
        const key = literals.join("{}");
        let branch = at.patterned?.find((candidate) => candidate.key === key);
        if (branch === undefined) {
          branch = { literals, key, next: newSegment() };
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
    const captured = captureVariables(branch.literals, segment);
    if (captured === undefined) continue;
    const before = values.length;
    values.push(...captured);
    collect(branch.next, path, stop + 1, end, values, found);
    values.length = before;
  }
}

/**
 * The values of a segment's variables, or undefined when the segment does not match: `literals`
 * are the template segment's literal parts around its variables. Each variable takes one or more
 * characters, as few as it can while the rest still matches, and the last takes what is left
 * (`{name}.{ext}` splits `a.tar.gz` at the first dot, as Stoplight Prism does). Worked out in
 * time linear in the segment: the backtracking pattern this replaced
 * (`^([^/]+?)\.([^/]+?)\.([^/]+?)\.json$`) took cubic time on a segment such as `a.a.a.…`, so
 * one request of a few kilobytes could hold the server for seconds.
 */
function captureVariables(literals: readonly string[], segment: string): string[] | undefined {
  const count = literals.length - 1;
  const first = literals[0] ?? "";
  // A segment with a brace but no variable (`a{b`) is literal text.
  if (count === 0) return segment === first ? [] : undefined;
  const last = literals[count] ?? "";
  // Where the last variable ends: the last literal part is the segment's end.
  const end = segment.length - last.length;
  if (!segment.startsWith(first) || !segment.endsWith(last) || end - first.length < count)
    return undefined;
  // fits[i][p]: variables i.. can take segment[p, end) with the literal parts between them.
  const fits: Uint8Array[] = new Array<Uint8Array>(count);
  const lastFits = new Uint8Array(end + 1);
  for (let at = 0; at < end; at++) lastFits[at] = 1;
  fits[count - 1] = lastFits;
  for (let variable = count - 2; variable >= 0; variable--) {
    const after = literals[variable + 1] ?? "";
    const next = fits[variable + 1] as Uint8Array;
    const here = new Uint8Array(end + 1);
    // Whether the literal part after this variable can start past `at` with the rest fitting: the
    // variable, starting at `at`, then takes one character or more.
    let later = 0;
    for (let at = end; at >= 0; at--) {
      here[at] = later;
      if (later === 0 && separates(segment, after, at, next, end)) later = 1;
    }
    fits[variable] = here;
  }
  if (fits[0]?.[first.length] !== 1) return undefined;
  const values: string[] = [];
  let start = first.length;
  for (let variable = 0; variable < count - 1; variable++) {
    const after = literals[variable + 1] ?? "";
    const next = fits[variable + 1] as Uint8Array;
    let at = start + 1;
    while (!separates(segment, after, at, next, end)) at++;
    values.push(segment.slice(start, at));
    start = at + after.length;
  }
  values.push(segment.slice(start, end));
  return values;
}

/** Whether the literal part `after` can start at `at`, with the variables after it fitting what follows. */
function separates(
  segment: string,
  after: string,
  at: number,
  next: Uint8Array,
  end: number,
): boolean {
  return at + after.length <= end && next[at + after.length] === 1 && segment.startsWith(after, at);
}

/** Each part is made when a template first needs it: a walk reads none that holds nothing. */
function newSegment<T>(): Segment<T> {
  return { literal: undefined, whole: undefined, patterned: undefined, ends: undefined };
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
