import type { LoadedSpec } from "../load/load.js";
import { HTTP_METHODS, type ApiModel, type NamedSchema, type Operation, type SharedRoute, type Tag } from "./model.js";
import { BuildContext, entriesOf, isRecord, optionalString } from "./context.js";
import { buildOperation, type OperationSource } from "./operation.js";
import { collectRefTargets } from "./ref-targets.js";
import { buildSecurity, buildSecuritySchemes } from "./security.js";
import { camelCase, NameRegistry, pascalCase, words } from "./naming.js";

/** Names the generated modules export themselves; schema type names must not shadow them. */
const GENERATED_NAMES = ["components", "paths", "operations", "webhooks", "$defs", "OperationId"];

/**
 * Names an operation's id may not take: operation ids are values in `operations.ts` (the contract
 * of each) and `client/index.ts` (a function each), beside these.
 */
const VALUE_NAMES = ["operations", "basePath", "securitySchemes", "createClient", "createGroupedClient", "call", "paginate", "contract", "errorFor", "client", "params", "options", "clientOptions"];

/** Builds the normalized model from a bundled OpenAPI document (the OpenAPI Object, §4.8.1). */
export function buildModel(spec: LoadedSpec): ApiModel {
  const document = spec.document;
  const context = new BuildContext(document, spec.path);
  const info = isRecord(document.info) ? document.info : {};
  const schemes = buildSecuritySchemes(context);
  const rootSecurity = buildSecurity(document.security, "#/security", schemes, context);

  const drafts = collectOperations(context).map((source) =>
    buildOperation(source, { security: rootSecurity, schemes, document }, context),
  );
  const sharedRoutes = findSharedRoutes(drafts, context);
  const operations = assignOperationIds(drafts, context);
  return {
    openapi: spec.version,
    title: optionalString(info.title) ?? "",
    version: optionalString(info.version) ?? "",
    description: optionalString(info.description),
    basePath: basePath(document.servers),
    operations,
    schemas: buildNamedSchemas(context),
    securitySchemes: schemes,
    tags: buildTags(document.tags, operations),
    refTargets: collectRefTargets(document, operations),
    typesSource: document,
    readWrite: marksReadWrite(document),
    sharedRoutes,
    warnings: context.warnings,
  };
}

/** Whether any object in the document says `readOnly: true` or `writeOnly: true` (walked without recursion). */
function marksReadWrite(document: Record<string, unknown>): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && ((node as Record<string, unknown>).readOnly === true || (node as Record<string, unknown>).writeOnly === true)) return true;
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return false;
}

function collectOperations(context: BuildContext): OperationSource[] {
  const sources: OperationSource[] = [];
  for (const [path, rawItem] of entriesOf(context.document.paths)) {
    const pathPointer = context.pointer("paths", path);
    const { value: pathItem, pointer: itemPointer } = context.resolve(rawItem, pathPointer);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      sources.push({ path, method, pathItem, pathPointer: itemPointer, operation, pointer: `${itemPointer}/${method}` });
    }
  }
  return sources;
}

/**
 * Gives every operation a unique identifier: declared operationIds first (in document order),
 * then ones derived from method and path, so adding an operation never renames a declared one.
 */
function assignOperationIds(drafts: Array<Omit<Operation, "id">>, context: BuildContext): Operation[] {
  const declared = new Map<string, string>();
  for (const draft of drafts) {
    if (draft.operationId === undefined) continue;
    const first = declared.get(draft.operationId);
    if (first !== undefined) {
      throw context.error(
        `duplicate operationId ${JSON.stringify(draft.operationId)} (first used at ${first})`,
        `${draft.pointer}/operationId`,
        "give every operation a unique operationId",
      );
    }
    declared.set(draft.operationId, draft.pointer);
  }
  const names = new NameRegistry(VALUE_NAMES);
  const ids = new Map<Omit<Operation, "id">, string>();
  for (const draft of drafts) {
    if (draft.operationId !== undefined) ids.set(draft, names.claim(camelCase(draft.operationId, "operation")));
  }
  for (const draft of drafts) {
    // The key's `#`/`?` part names operations on one URL apart: `/folders/{id}#get_shared_link` → getFoldersByIdGetSharedLink.
    if (draft.operationId === undefined) ids.set(draft, names.claim(derivedOperationName(draft.method, draft.pathKey.replace(/[#?]/, "/"))));
  }
  return drafts.map((draft) => ({ id: ids.get(draft) as string, ...draft }));
}

/**
 * Operations a request could not tell apart: the same method on one URL shape (path keys that
 * differ only after `#` or `?`, in variable names, in repeated or trailing slashes, or in how a
 * literal is percent-encoded). A client calls each (their queries differ); a server could route
 * only one, so the server target refuses them and `validate` warns.
 */
function findSharedRoutes(drafts: Array<Omit<Operation, "id">>, context: BuildContext): SharedRoute[] {
  const seen = new Map<string, Omit<Operation, "id">>();
  const shared: SharedRoute[] = [];
  for (const draft of drafts) {
    const route = `${draft.method} ${routeShape(draft.path)}`;
    const first = seen.get(route);
    if (first === undefined) {
      seen.set(route, draft);
      continue;
    }
    const message = `${draft.method.toUpperCase()} ${JSON.stringify(draft.pathKey)} cannot be routed apart from ${draft.method.toUpperCase()} ${JSON.stringify(first.pathKey)} (${first.pointer}): both match the same requests`;
    const hint = "a client calls both; for a server, give one of them another path or method (the part of a path key after # or ? does not reach the URL)";
    shared.push({ pointer: draft.pointer, first: first.pointer, message, hint });
    context.warn(message, draft.pointer, hint);
  }
  return shared;
}

/** A template as the router sees it: variables unnamed, repeated slashes as one, one trailing slash dropped, literals in one spelling. */
function routeShape(template: string): string {
  const collapsed = template.replace(/\/{2,}/g, "/");
  const trimmed = collapsed.length > 1 && collapsed.endsWith("/") ? collapsed.slice(0, -1) : collapsed;
  return trimmed
    .split("/")
    .map((segment) =>
      segment
        .split(/(\{[^{}]*\})/)
        .map((part) => (part.startsWith("{") ? "{}" : spelled(part)))
        .join(""),
    )
    .join("/");
}

/** The one spelling the server's router compares a literal in (`canonicalPath` in the runtime). */
function spelled(literal: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(literal.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")));
  } catch {
    return literal;
  }
}

/** `get /users/{userId}/orders` → `getUsersByUserIdOrders`. */
export function derivedOperationName(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => (/^\{.+\}$/.test(segment) ? `by ${segment.slice(1, -1)}` : segment));
  return camelCase([method, ...parts].join(" "), method);
}

function buildNamedSchemas(context: BuildContext): NamedSchema[] {
  const components = context.document.components;
  const names = new NameRegistry(GENERATED_NAMES);
  return entriesOf(isRecord(components) ? components.schemas : undefined).map(([name, schema]) => ({
    name,
    id: names.claim(pascalCase(name, "Schema")),
    description: isRecord(schema) ? optionalString(schema.description) : undefined,
    schema: isRecord(schema) || typeof schema === "boolean" ? schema : {},
  }));
}

/** Declared tags in their order, then tags only operations mention, in first-use order. */
function buildTags(raw: unknown, operations: Operation[]): Tag[] {
  const descriptions = new Map<string, string | undefined>();
  if (Array.isArray(raw)) {
    for (const tag of raw) {
      if (isRecord(tag) && typeof tag.name === "string" && !descriptions.has(tag.name)) {
        descriptions.set(tag.name, optionalString(tag.description));
      }
    }
  }
  for (const operation of operations) {
    for (const tag of operation.tags) if (!descriptions.has(tag)) descriptions.set(tag, undefined);
  }
  const names = new NameRegistry();
  return [...descriptions].map(([name, description]) => ({
    name,
    id: names.claim(camelCase(words(name).join(" "), "tag")),
    description,
  }));
}

/** The path of the first server URL, with variables replaced by their defaults (`/v1`), or `""`. */
function basePath(servers: unknown): string {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isRecord(first) || typeof first.url !== "string") return "";
  const variables = isRecord(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return isRecord(variable) && typeof variable.default === "string" ? variable.default : "";
  });
  let path: string;
  try {
    path = new URL(url, "http://placeholder.invalid").pathname;
  } catch {
    return "";
  }
  const trimmed = path.replace(/\/+$/, "");
  // Only a plain path can become a route prefix; anything else is ignored.
  return /^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*$/.test(trimmed) ? trimmed : "";
}
