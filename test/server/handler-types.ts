/**
 * Compile-time checks of the generated handler types, enforced by `tsc -p test/tsconfig.json`
 * (part of `npm test`): each `@ts-expect-error` fails the build if the line below it compiles.
 */
import type { Handlers, ListUsersResult, GetUserInput, CreateUserResult } from "../golden/users/server/index.js";
import type { Handlers as AuthHandlers } from "../golden/auth/server/index.js";
import { createRouter } from "../golden/users/server/index.js";
import { notImplemented } from "../golden/users/server/index.js";

type Caller = { name: string };

const meta = { request_id: "r" };
const error = { success: false as const, error: { code: "X", message: "m" }, meta };

export const declaredStatuses: ListUsersResult[] = [
  { status: 400, body: error },
  { status: 401, body: error },
  notImplemented(),
];

// @ts-expect-error 404 is not a status listUsers declares.
export const undeclaredStatus: ListUsersResult = { status: 404, body: error };

// @ts-expect-error 201's body is a UserEnvelope, not an error envelope.
export const wrongBody: CreateUserResult = { status: 201, body: error };

// @ts-expect-error a 201 needs its body.
export const missingBody: CreateUserResult = { status: 201 };

export const extraHeader: CreateUserResult = { status: 409, body: error, headers: { Location: "/x" } };

export function pathIsTyped(input: GetUserInput<Caller>): number {
  // @ts-expect-error userId is coerced to a number, not left a string.
  const text: string = input.path.userId;
  void text;
  return input.path.userId;
}

// @ts-expect-error every operation needs a handler: deleteUser and the rest are missing.
export const missingHandler: Handlers<Caller> = {
  listUsers: () => ({ status: 400, body: error }),
};

export const partial = {
  listUsers: () => notImplemented(),
  createUser: () => notImplemented(),
  getUser: () => notImplemented(),
  replaceUser: () => notImplemented(),
  updateUser: () => notImplemented(),
  listUserOrders: () => notImplemented(),
};

export function routerNeedsEveryHandler(): void {
  // @ts-expect-error createRouter rejects a handler object without deleteUser.
  createRouter(partial, { auth: { bearerAuth: () => null } });
  // @ts-expect-error createRouter needs a verifier for bearerAuth.
  createRouter({ ...partial, deleteUser: () => ({ status: 204 }) }, { auth: {} });
}

export const principalTypes: Pick<AuthHandlers<Caller>, "withOptional" | "withBearer" | "withNone"> = {
  // The optional requirement makes the principal possibly undefined…
  withOptional: ({ principal }) => ({ status: 200, body: { who: principal?.name ?? "anonymous" } }),
  // …a required one does not…
  withBearer: ({ principal }) => ({ status: 200, body: { who: principal.name } }),
  // …and security: [] gives no principal at all.
  // @ts-expect-error withNone has no principal.
  withNone: ({ principal }) => ({ status: 200, body: { who: String(principal) } }),
};

export function pageIsTyped(input: import("../golden/feed/server/index.js").ListEventsInput): string | undefined {
  const limit: number = input.page.limit;
  void limit;
  // @ts-expect-error a cursor page has no page number.
  void input.page.page;
  return input.page.after === undefined ? undefined : input.page.cursorFor(input.page.after);
}

import type { CreateNoteInput } from "../golden/validation/server/index.js";

/** A body with several media types narrows by `contentType`. */
export function noteText(input: CreateNoteInput): string {
  if (input.contentType === "text/plain") return input.body;
  // @ts-expect-error a form body is an object, not a string.
  const wrong: string = input.body;
  void wrong;
  return input.body.text;
}

import type { PutWidgetInput, PutWidgetResult } from "../golden/validation/server/index.js";

/** readOnly and writeOnly, as each side sees them. */
export function widgetTypes(input: PutWidgetInput): PutWidgetResult {
  // @ts-expect-error id is readOnly: a request does not carry it.
  const id: string = input.body.id;
  void id;
  const secret: string = input.body.secret;
  void secret;
  // @ts-expect-error secret is writeOnly: a response may not carry it.
  const leaked: PutWidgetResult = { status: 200, body: { id: "w", name: "Gear", weight: 1, secret: "s" } };
  void leaked;
  // @ts-expect-error id is readOnly and required in responses.
  const missing: PutWidgetResult = { status: 200, body: { name: "Gear", weight: 1 } };
  void missing;
  return { status: 200, body: { id: "w", name: input.body.name, weight: input.body.weight } };
}
