import { createRouter, type Handlers } from "../../golden/feed/server/index.js";
import { operations } from "../../golden/feed/operations.js";
import type { Event } from "../../golden/feed/index.js";
import type { FixtureApp } from "../serve.js";

const event: Event = { id: "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10", kind: "created", at: "2026-01-01T00:00:00Z", actor: null };

const handlers: Handlers = {
  listEvents: ({ query }) => ({
    status: 200,
    body: { items: (query.kind ?? []).map((kind) => ({ ...event, kind, tags: [String(query.limit), query.cursor ?? ""] })), next_cursor: null },
  }),
  getEvent: ({ path }) => ({ status: 200, body: { ...event, id: path.eventId, actor: "ada" } }),
};

export const feedApp: FixtureApp = {
  operations,
  router: () => createRouter(handlers, { validateResponses: true }),
  calls: [
    {
      operation: "listEvents",
      method: "GET",
      path: "/api/events?cursor=abc&limit=2&kind=updated&kind=deleted",
      status: 200,
      response: {
        items: [
          { ...event, kind: "updated", tags: ["2", "abc"] },
          { ...event, kind: "deleted", tags: ["2", "abc"] },
        ],
        next_cursor: null,
      },
    },
    {
      operation: "getEvent",
      method: "GET",
      path: "/api/events/9d1c5a36-1f0e-4c7b-8a43-2f6e1e9f0b77",
      status: 200,
      response: { ...event, id: "9d1c5a36-1f0e-4c7b-8a43-2f6e1e9f0b77", actor: "ada" },
    },
  ],
};
