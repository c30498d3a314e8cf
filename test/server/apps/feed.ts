import { compareKeys, createRequestHandler, type Handlers, type RouterOptions } from "../../golden/feed/server/index.js";
import { operations } from "../../golden/feed/operations.js";
import type { Event } from "../../golden/feed/index.js";
import type { FixtureApp } from "../serve.js";

/** 1,000 events that all share one timestamp: only the id (the tie-breaker) orders them. */
export const EVENTS: Event[] = Array.from({ length: 1000 }, (_, index) => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  kind: (["created", "updated", "deleted"] as const)[index % 3] ?? "created",
  at: "2026-01-01T00:00:00Z",
  actor: null,
}));

/** Keyset pagination over (at, id), filtered by kind, as a database query would do it. */
export const feedHandlers: Handlers = {
  listEvents: ({ query, page }) => {
    const kinds = query.kind ?? [];
    const rows = EVENTS.filter((event) => kinds.length === 0 || kinds.includes(event.kind))
      .filter((event) => page.after === undefined || compareKeys([event.at, event.id], page.after) > 0)
      .slice(0, page.limit + 1);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return { status: 200, body: { items, next_cursor: rows.length > page.limit && last !== undefined ? page.cursorFor([last.at, last.id]) : null } };
  },
  getEvent: ({ path }) => {
    const event = EVENTS.find((candidate) => candidate.id === path.eventId) ?? EVENTS[0];
    return { status: 200, body: { ...(event as Event), id: path.eventId, actor: "ada" } };
  },
};

export function feedHandler(options: RouterOptions = {}) {
  return createRequestHandler(feedHandlers, { validateResponses: true, ...options });
}

export const feedApp: FixtureApp = {
  operations,
  handler: (options) => feedHandler(options),
  calls: [
    {
      operation: "listEvents",
      method: "GET",
      path: "/api/events?limit=2&kind=updated&kind=deleted",
      status: 200,
      response: {
        items: [EVENTS[1], EVENTS[2]],
        next_cursor: expectCursor(),
      },
    },
    {
      operation: "getEvent",
      method: "GET",
      path: "/api/events/9d1c5a36-1f0e-4c7b-8a43-2f6e1e9f0b77",
      status: 200,
      response: { ...EVENTS[0], id: "9d1c5a36-1f0e-4c7b-8a43-2f6e1e9f0b77", actor: "ada" },
    },
  ],
};

/** Any opaque cursor (its content is the server's business). */
function expectCursor(): unknown {
  return { asymmetricMatch: (value: unknown) => typeof value === "string" && /^[A-Za-z0-9_-]+$/.test(value), toString: () => "a cursor" };
}
