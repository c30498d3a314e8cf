/**
 * Compile-time checks of the generated client, enforced by `tsc -p test/tsconfig.json` (part of
 * `npm test`): each `@ts-expect-error` fails the build if the line below it compiles.
 */
import {
  createClient,
  createGroupedClient,
  getUser,
  listUsers,
  type GetUserData,
  type GetUserError,
  type ListUsersItem,
} from "../golden/users/client/index.js";
import { createGroupedClient as createPaymentsClient } from "../golden/payments/client/index.js";
import { createGroupedClient as createValidationClient } from "../golden/validation/client/index.js";
import type { ItemsOf, ReceivedContent, RequestContent } from "../../templates/runtime/client/types.js";

const client = createGroupedClient({ baseUrl: "http://localhost/v1", auth: { bearerAuth: "t" } });
const payments = createPaymentsClient({ baseUrl: "http://localhost" });

export async function parameters(): Promise<void> {
  // @ts-expect-error userId is a number.
  await client.users.get({ path: { userId: "42" } });
  // @ts-expect-error the path parameters are required.
  await client.users.get({});
  // @ts-expect-error getUser needs its params at all.
  await client.users.get();
  // @ts-expect-error role must be one of the enum's values.
  await client.users.list({ query: { role: "owner" } });
  // @ts-expect-error createUser's body is required.
  await client.users.create({});
  // @ts-expect-error the body needs an email.
  await client.users.create({ body: { name: "Bo" } });
  // @ts-expect-error amount_cents is a number.
  await payments.charges.create({ headers: { "Idempotency-Key": "k" }, body: { amount_cents: "5", currency: "eur", source: "t" } });
  // The client makes the idempotency key itself, so a required Idempotency-Key header may be left out.
  await payments.charges.create({ body: { amount_cents: 5, currency: "eur", source: "t" } });
  // A field with a default may be left out of a request body (the server applies it).
  const validation = createValidationClient({ baseUrl: "http://localhost/api" });
  await validation.putWidget({ path: { widgetId: "w" }, body: { name: "Gear", weight: 1, secret: "s" } });
  // @ts-expect-error id is readOnly: a request may not send it.
  await validation.putWidget({ path: { widgetId: "w" }, body: { id: "w", name: "Gear", weight: 1, secret: "s" } });
  // @ts-expect-error secret is writeOnly and required in requests.
  await validation.putWidget({ path: { widgetId: "w" }, body: { name: "Gear", weight: 1 } });
  const stored = await validation.putWidget({ path: { widgetId: "w" }, body: { name: "Gear", weight: 1, secret: "s" } });
  // A response has the readOnly id, and never the writeOnly secret.
  const storedId: string = stored.id;
  // @ts-expect-error secret is writeOnly: responses do not carry it.
  void stored.secret;
  void storedId;
  // List parameters are all optional.
  await client.users.list();
}

export async function results(): Promise<number> {
  const user: GetUserData = await client.users.get({ path: { userId: 1 } });
  // @ts-expect-error data.id is a number, not a string.
  const wrong: string = user.data.id;
  void wrong;
  for await (const item of client.users.list()) {
    const typed: ListUsersItem = item;
    return typed.id;
  }
  // @ts-expect-error a charge has no email.
  return (await payments.charges.get({ path: { chargeId: "ch_1" } })).email;
}

export async function standaloneFunctions(): Promise<number> {
  const base = createClient({ baseUrl: "http://localhost/v1", auth: { bearerAuth: "t" } });
  // @ts-expect-error userId is a number.
  await getUser(base, { path: { userId: "42" } });
  // @ts-expect-error the grouped client is not what an operation function takes.
  await getUser(client, { path: { userId: 42 } });
  const user: GetUserData = await getUser(base, { path: { userId: 1 } });
  for await (const item of listUsers(base)) {
    const typed: ListUsersItem = item;
    return typed.id + user.data.id;
  }
  return 0;
}

export function configuration(): void {
  // @ts-expect-error baseUrl is required.
  createGroupedClient({});
  // @ts-expect-error basic credentials need a username and password; bearerAuth takes a token.
  createGroupedClient({ baseUrl: "x", auth: { bearerAuth: { username: "u" } } });
  createGroupedClient({ baseUrl: "x", auth: { bearerAuth: async () => "token" } });
}

/** Exactly equal types, or a compile error. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const holds = <T extends true>(): T => true as T;

export function mediaTypes(): void {
  // Bytes are a Blob, whatever the schema says (openapi-typescript types `format: binary` as string).
  holds<Equal<ReceivedContent<{ content: { "application/pdf": string } }>, Blob>>();
  holds<Equal<ReceivedContent<{ content: { "text/csv": string; "application/json": { a: number } } }>, string | { a: number }>>();
  holds<Equal<ReceivedContent<{ content?: never }>, undefined>>();
  const upload: RequestContent<{ content: { "application/octet-stream": string } }> = new Uint8Array([1]);
  const form: RequestContent<{ content: { "multipart/form-data": { name: string } } }> = new FormData();
  void upload;
  void form;
  // @ts-expect-error a JSON body is its schema, not bytes.
  const notBytes: RequestContent<{ content: { "application/json": { a: number } } }> = new Uint8Array([1]);
  void notBytes;
}

export function items(): void {
  // An optional list property does not let undefined into the items.
  holds<Equal<ItemsOf<{ data?: Array<{ id: number }> }, "data">, { id: number }>>();
  holds<Equal<ItemsOf<{ data: Array<{ id: number }> | null }, "data">, { id: number }>>();
  holds<Equal<ItemsOf<Array<{ id: number }>, undefined>, { id: number }>>();
}

export function errors(error: GetUserError): string {
  // Narrowing on status gives the declared error response's body.
  if (error.status === 404) {
    // @ts-expect-error the 404 body is an error envelope, with no user in it.
    void error.body.data;
    return error.body.error.code;
  }
  return error.code;
}
