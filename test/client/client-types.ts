/**
 * Compile-time checks of the generated client, enforced by `tsc -p test/tsconfig.json` (part of
 * `npm test`): each `@ts-expect-error` fails the build if the line below it compiles.
 */
import { createClient, type ListUsersItem, type GetUserData } from "../golden/users/client/index.js";
import { createClient as createPaymentsClient } from "../golden/payments/client/index.js";

const client = createClient({ baseUrl: "http://localhost/v1", auth: { bearerAuth: "t" } });
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

export function configuration(): void {
  // @ts-expect-error baseUrl is required.
  createClient({});
  // @ts-expect-error basic credentials need a username and password; bearerAuth takes a token.
  createClient({ baseUrl: "x", auth: { bearerAuth: { username: "u" } } });
  createClient({ baseUrl: "x", auth: { bearerAuth: async () => "token" } });
}
