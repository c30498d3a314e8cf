/**
 * `GET /docs`: the contract as an API reference page, rendered in the browser by Swagger UI
 * (swagger-ui-dist: a prebuilt bundle with no runtime dependencies, maintained by SmartBear, whose
 * "Try it out" calls the mock it is served by). Its assets are served from the installed
 * package, never a CDN, so the page works offline.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The files under `/docs/`, by name, with their content types. */
const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/**
 * The page's own script: Swagger UI over the served contract, with this mock (at the contract's
 * base path) as the first server, so "Try it out" calls the mock.
 */
const START = `window.addEventListener("load", async function () {
  const spec = await (await fetch("../openapi.json")).json();
  const servers = Array.isArray(spec.servers) ? spec.servers : [];
  let basePath = "";
  try {
    basePath = servers.length > 0 ? new URL(servers[0].url, location.origin).pathname.replace(/\\/$/, "") : "";
  } catch (error) {
    basePath = "";
  }
  if (typeof spec.openapi === "string") spec.servers = [{ url: location.origin + basePath, description: "codegen mock" }, ...servers];
  window.ui = SwaggerUIBundle({ spec: spec, dom_id: "#docs", deepLinking: true, validatorUrl: null });
});
`;

export interface DocsFile {
  contentType: string;
  body: string | Buffer;
}

export class DocsPage {
  readonly #folder: string;
  readonly #cache = new Map<string, Buffer>();
  readonly #title: string;

  constructor(title: string) {
    this.#folder = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    this.#title = title;
  }

  /** The file at a path under `/docs` (`""` or `/` is the page), or undefined. */
  file(path: string): DocsFile | undefined {
    if (path === "" || path === "/") return { contentType: "text/html; charset=utf-8", body: this.#page() };
    const name = path.replace(/^\//, "");
    if (name === "start.js") return { contentType: "text/javascript; charset=utf-8", body: START };
    if (!Object.hasOwn(ASSETS, name)) return undefined;
    let body = this.#cache.get(name);
    if (body === undefined) this.#cache.set(name, (body = readFileSync(join(this.#folder, name))));
    return { contentType: ASSETS[name] ?? "application/octet-stream", body };
  }

  #page(): string {
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(this.#title)}</title>
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
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
