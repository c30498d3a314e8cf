import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { DocsRoutes, ServerResponse } from "./http.js";

/** The files under `/docs/`, by name, with their content types. */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ["swagger-ui.css", "text/css; charset=utf-8"],
  ["swagger-ui-bundle.js", "text/javascript; charset=utf-8"],
  ["favicon-32x32.png", "image/png"],
]);

/** The page's own script: Swagger UI over the served contract, with this server as the first one. */
const START = `window.addEventListener("load", async function () {
  const spec = await (await fetch("../openapi.json")).json();
  const servers = Array.isArray(spec.servers) ? spec.servers : [];
  let basePath = "";
  try {
    basePath = servers.length > 0 ? new URL(servers[0].url, location.origin).pathname.replace(/\\/$/, "") : "";
  } catch (error) {
    basePath = "";
  }
  const here = location.pathname.replace(/\\/docs\\/.*$/, "");
  if (typeof spec.openapi === "string") spec.servers = [{ url: location.origin + here + basePath, description: "this server" }, ...servers];
  for (const operation of operationsOf(spec)) if (Array.isArray(operation.tags)) operation.tags = operation.tags.map(shownTag);
  if (Array.isArray(spec.tags)) for (const tag of spec.tags) if (tag !== null && typeof tag === "object") tag.name = shownTag(tag.name);
  window.ui = SwaggerUIBundle({ spec: spec, dom_id: "#docs", deepLinking: true, validatorUrl: null });
});

// Swagger UI renders no operation of a tag named like a property every object has (constructor,
// __proto__): on this page such a tag's name gets a zero-width space after it, which shows the same.
function shownTag(name) {
  return typeof name === "string" && name in Object.prototype ? name + "\\u200b" : name;
}

// Every operation object of the contract's paths and webhooks.
function operationsOf(spec) {
  const operations = [];
  for (const group of [spec.paths, spec.webhooks]) {
    if (group === null || typeof group !== "object") continue;
    for (const item of Object.values(group)) {
      if (item === null || typeof item !== "object") continue;
      for (const operation of Object.values(item)) if (operation !== null && typeof operation === "object") operations.push(operation);
    }
  }
  return operations;
}
`;

/**
 * `GET /openapi.json` (the bundled contract) and `GET /docs/` (its reference page, rendered in the
 * browser by Swagger UI from the `swagger-ui-dist` package: its files are read from the installed
 * package, never a CDN, so the page works offline), for a contract titled `title`. "Try it out"
 * calls the server the page is served by, listed as the first server. Node only (the files are
 * read from `node_modules`).
 */
export function docsRoutes(openapi: object, title: string): DocsRoutes {
  // Read on the first request, so a server that never turns the docs on needs no swagger-ui-dist.
  let folder: string | undefined;
  let contract: string | undefined;
  const files = new Map<string, Uint8Array>();
  // The mount's segments, worked out when its path changes (a plugin has one), not on each request.
  let mount: { path: string; segments: readonly MountSegment[] } | undefined;
  return (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const { mountPath } = request;
    if (mountPath !== undefined && mount?.path !== mountPath)
      mount = { path: mountPath, segments: mountSegments(mountPath) };
    const path =
      mountPath === undefined ? request.path : belowMount(request.path, mount?.segments ?? []);
    if (path === "/openapi.json")
      return file("application/json; charset=utf-8", (contract ??= JSON.stringify(openapi)));
    if (path === "/docs")
      return { status: 301, headers: new Map([["location", "docs/"]]), body: undefined };
    if (path === undefined || !path.startsWith("/docs/")) return undefined;
    const name = path.slice("/docs/".length);
    if (name === "") return file("text/html; charset=utf-8", page(title));
    if (name === "start.js") return file("text/javascript; charset=utf-8", START);
    const type = ASSETS.get(name);
    if (type === undefined) return file("text/plain; charset=utf-8", "Not found\n", 404);
    let bytes = files.get(name);
    if (bytes === undefined) {
      folder ??= dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
      files.set(name, (bytes = new Uint8Array(readFileSync(join(folder, name)))));
    }
    return file(type, bytes);
  };
}

/** One segment of a mount path: a literal, or `undefined` for a parameter (`:tenant`, `*`), which any segment fills. */
type MountSegment = string | undefined;

/** A mount path in the framework's spelling, by segments (empty ones aside: `/api/` is `/api`). */
function mountSegments(mount: string): MountSegment[] {
  return mount
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => (/[:*]/.test(segment) ? undefined : segment));
}

/** `path` below the mount's segments, or `undefined` when it is not below them. */
function belowMount(path: string, segments: readonly MountSegment[]): string | undefined {
  let at = 0;
  for (const segment of segments) {
    if (path.charAt(at) !== "/") return undefined;
    const end = path.indexOf("/", at + 1);
    const sent = path.slice(at + 1, end < 0 ? path.length : end);
    if (sent === "" || (segment !== undefined && sent !== segment)) return undefined;
    at = end < 0 ? path.length : end;
  }
  return path.slice(at);
}

function file(type: string, body: string | Uint8Array, status = 200): ServerResponse {
  return {
    status,
    headers: new Map([
      ["content-type", type],
      ["cache-control", "no-cache"],
    ]),
    body,
  };
}

function page(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/png" href="favicon-32x32.png">
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="start.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
