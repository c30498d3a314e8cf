import { createRequestHandler, type Handlers } from "../../golden/multi-file/server/index.js";
import { operations } from "../../golden/multi-file/operations.js";
import type { FixtureApp } from "../serve.js";

const handlers: Handlers = {
  listBooks: ({ query }) => ({
    status: 200,
    body: [{ isbn: "9780000000001", title: "Notes", author: { name: query.author ?? "anonymous", born: null } }],
  }),
  addBook: ({ body }) => ({ status: 201, body }),
  getBook: ({ path }) => ({ status: 200, body: { isbn: path.isbn, title: "Found" } }),
};

export const multiFileApp: FixtureApp = {
  operations,
  handler: (options) => createRequestHandler(handlers, { validateResponses: true, ...options }),
  calls: [
    {
      operation: "listBooks",
      method: "GET",
      path: "/books?author=Le%20Guin",
      status: 200,
      response: [{ isbn: "9780000000001", title: "Notes", author: { name: "Le Guin", born: null } }],
    },
    {
      operation: "addBook",
      method: "POST",
      path: "/books",
      body: { isbn: "9780000000002", title: "Dispossessed", author: { name: "Le Guin", born: 1929 } },
      status: 201,
      response: { isbn: "9780000000002", title: "Dispossessed", author: { name: "Le Guin", born: 1929 } },
    },
    { operation: "getBook", method: "GET", path: "/books/9780000000003", status: 200, response: { isbn: "9780000000003", title: "Found" } },
  ],
};
