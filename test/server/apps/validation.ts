import { createRequestHandler, type Handlers, type RouterOptions } from "../../golden/validation/server/index.js";
import { operations } from "../../golden/validation/operations.js";
import type { FixtureApp } from "../serve.js";

/** The notes createNote received, with the media type each came as. */
export const notes: Array<{ contentType: string; text: string }> = [];

/** Each handler echoes what it received, so tests see coercion and validation from the outside. */
export const validationHandlers: Handlers = {
  searchWidgets: ({ query, headers, cookies }) => ({
    status: 200,
    body: { query, headers, cookies, queryHasNoPrototype: Object.getPrototypeOf(query) === null },
  }),
  putWidget: ({ path, body }) => {
    // The request carries the writeOnly secret and no id; the response the readOnly id and no secret.
    const { secret: _secret, ...stored } = body;
    return { status: 200, body: { ...stored, id: path.widgetId } };
  },
  createShape: ({ body }) => ({ status: 201, body }),
  createNote: (input) => {
    // The body's type follows the media type it came as.
    notes.push(input.contentType === "text/plain" ? { contentType: input.contentType, text: input.body } : { contentType: input.contentType, text: input.body.text });
    return { status: 204 };
  },
  checkCode: ({ path }) => ({ status: 200, body: { code: path.code } }),
  createPayment: ({ body }) => ({ status: 201, body }),
  createUpload: async ({ body }) => {
    uploads.push(body.file);
    const { file, ...fields } = body;
    return { status: 201, body: { ...fields, file: { size: file.size, type: file.type, name: file instanceof File ? file.name : undefined } } };
  },
  getLatestUpload: () => ({ status: 200, body: uploads.at(-1) ?? new Blob([]) }),
};

/** The files createUpload received. */
export const uploads: Blob[] = [];

export function validationHandler(options: RouterOptions = {}) {
  return createRequestHandler(validationHandlers, { validateResponses: true, ...options });
}

const widget = { name: "Gear", weight: 10, sku: "ABC-1234", email: "a@example.com", nickname: null, parts: ["x"], secret: "s" };
const widgetId = "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";

export const validationApp: FixtureApp = {
  operations,
  handler: (options) => validationHandler(options),
  calls: [
    {
      operation: "searchWidgets",
      method: "GET",
      path: "/api/widgets?ratio=0.5&active=true&color=red&ids=1,2,3&tags=a&tags=b&sizes=s%7Cl&filter[owner]=ada&filter[minWeight]=5",
      headers: { "x-trace-level": "2", cookie: "session=deadbeef; other=1" },
      status: 200,
      response: {
        query: { limit: 10, ratio: 0.5, active: true, color: "red", ids: [1, 2, 3], tags: ["a", "b"], sizes: ["s", "l"], filter: { owner: "ada", minWeight: 5 } },
        headers: { "X-Trace-Level": 2 },
        cookies: { session: "deadbeef" },
        queryHasNoPrototype: true,
      },
    },
    {
      operation: "putWidget",
      method: "PUT",
      path: `/api/widgets/${widgetId}`,
      body: widget,
      status: 200,
      // The handler echoes the body: the contract's defaults were applied to it.
      response: { ...Object.fromEntries(Object.entries(widget).filter(([key]) => key !== "secret")), color: "grey", labels: [], id: widgetId },
    },
    { operation: "createShape", method: "POST", path: "/api/shapes", body: { kind: "round", size: 2 }, status: 201, response: { kind: "round", size: 2 } },
    { operation: "createNote", method: "POST", path: "/api/notes", headers: { "content-type": "text/plain" }, body: "remember", status: 204 },
    { operation: "checkCode", method: "GET", path: "/api/codes/aaaa", status: 200, response: { code: "aaaa" } },
    {
      operation: "createUpload",
      method: "POST",
      path: "/api/uploads",
      headers: { "content-type": "multipart/form-data; boundary=XyZ" },
      body: [
        "--XyZ",
        'Content-Disposition: form-data; name="file"; filename="a.bin"',
        "Content-Type: application/octet-stream",
        "",
        "abc",
        "--XyZ",
        'Content-Disposition: form-data; name="title"',
        "",
        "Report",
        "--XyZ",
        'Content-Disposition: form-data; name="tags"',
        "",
        "x",
        "--XyZ",
        'Content-Disposition: form-data; name="meta"; filename="blob"',
        "Content-Type: application/json",
        "",
        '{"source":"scanner"}',
        "--XyZ--",
        "",
      ].join("\r\n"),
      status: 201,
      response: { title: "Report", copies: 1, tags: ["x"], meta: { source: "scanner" }, file: { size: 3, type: "application/octet-stream", name: "a.bin" } },
    },
    // The file the upload above sent, byte for byte.
    { operation: "getLatestUpload", method: "GET", path: "/api/uploads/latest", status: 200, text: "abc" },
    {
      operation: "createPayment",
      method: "POST",
      path: "/api/payments",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "amount=500&currency=eur&expand=customer&metadata[order]=7&items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2",
      status: 201,
      // Nested as the names spell, coerced to the schema's types, the default applied.
      response: { amount: 500, currency: "eur", capture: true, expand: ["customer"], metadata: { order: "7" }, items: [{ price: "p_1", quantity: 2 }, { price: "p_2" }] },
    },
  ],
};
