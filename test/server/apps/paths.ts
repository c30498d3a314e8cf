import { createRequestHandler, type Handlers } from "../../golden/paths/server/index.js";
import { operations } from "../../golden/paths/operations.js";
import type { FixtureApp } from "../serve.js";

/** Path values reach handlers decoded, whatever spelling the request used. */
export const pathsHandlers: Handlers = {
  getFolder: ({ path, query }) => ({ status: 200, body: { id: path.folder_id, name: `folder ${path.folder_id}`, ...(query.fields === "shared_link" ? { shared_link: null } : {}) } }),
  updateFolder: ({ path, body }) => ({ status: 200, body: { id: path.folder_id, name: body.name } }),
  removeSharedLink: () => ({ status: 204 }),
  listReports: () => ({ status: 200, body: ["q1", "q2"] }),
  getArchiveYear: ({ path }) => ({ status: 200, body: { year: path.year } }),
  getNewArrivalTag: ({ path }) => ({ status: 200, body: { tag: path.tag, under: "new arrivals" } }),
  getCategoryTag: ({ path }) => ({ status: 200, body: { tag: path.tag, under: "catégorie" } }),
  getFile: ({ path }) => ({ status: 200, body: { name: path.name, ext: path.ext } }),
};

export const pathsApp: FixtureApp = {
  operations,
  handler: (options) => createRequestHandler(pathsHandlers, { validateResponses: true, ...options }),
  calls: [
    { operation: "getFolder", method: "GET", path: "/v1/folders/f%201?fields=shared_link", status: 200, response: { id: "f 1", name: "folder f 1", shared_link: null } },
    // Three keys, one URL: routed by method.
    { operation: "updateFolder", method: "PUT", path: "/v1/folders/f1", body: { name: "renamed" }, status: 200, response: { id: "f1", name: "renamed" } },
    { operation: "removeSharedLink", method: "DELETE", path: "/v1/folders/f1", status: 204 },
    { operation: "listReports", method: "GET", path: "/v1/reports/", status: 200, response: ["q1", "q2"] },
    { operation: "listReports", method: "GET", path: "/v1/reports", status: 200, response: ["q1", "q2"] },
    { operation: "getArchiveYear", method: "GET", path: "/v1/archive//2024", status: 200, response: { year: 2024 } },
    // A literal written percent-encoded in the key matches however the request spells it.
    { operation: "getNewArrivalTag", method: "GET", path: "/v1/tags/new%20arrivals/sale", status: 200, response: { tag: "sale", under: "new arrivals" } },
    { operation: "getCategoryTag", method: "GET", path: "/v1/tags/cat%C3%A9gorie/%C3%A9t%C3%A9", status: 200, response: { tag: "été", under: "catégorie" } },
    { operation: "getCategoryTag", method: "GET", path: "/v1/tags/cat%c3%a9gorie/x", status: 200, response: { tag: "x", under: "catégorie" } },
    // Two parameters in one segment: each takes as little as it can, the last the rest (as Prism splits).
    { operation: "getFile", method: "GET", path: "/v1/files/archive.tar.gz", status: 200, response: { name: "archive", ext: "tar.gz" } },
    { operation: "getFile", method: "GET", path: "/v1/files/notes.txt", status: 200, response: { name: "notes", ext: "txt" } },
  ],
};
