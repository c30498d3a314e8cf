import { createRequestHandler, type Handlers } from "../../golden/recursive/server/index.js";
import { operations } from "../../golden/recursive/operations.js";
import type { FixtureApp } from "../serve.js";

const thread = {
  text: "root",
  author: { name: "ada", favouriteComment: { text: "fav", replies: [] } },
  replies: [{ text: "child", replies: [{ text: "grandchild" }] }],
};

const handlers: Handlers = {
  getTree: ({ path }) => ({
    status: 200,
    body: { value: path.treeId, children: [{ value: "leaf", children: [] }] },
  }),
  createThread: ({ body }) => ({ status: 201, body }),
};

export const recursiveApp: FixtureApp = {
  operations,
  handler: (options) => createRequestHandler(handlers, { validateResponses: true, ...options }),
  calls: [
    {
      operation: "getTree",
      method: "GET",
      path: "/trees/oak",
      status: 200,
      response: { value: "oak", children: [{ value: "leaf", children: [] }] },
    },
    { operation: "createThread", method: "POST", path: "/threads", body: thread, status: 201, response: thread },
  ],
};
