import { describe, expect, it } from "vitest";
import { fetchHandler } from "../../../templates/runtime/server/web.js";
import { canonicalIp } from "../../../templates/runtime/server/caller.js";
import { usersApp } from "../../server/apps/users.js";

/** The Web adapter's own duties: the body read lazily and given up when too large, and a 404 for what it passes. */
describe("fetchHandler", () => {
  const auth = { authorization: "Bearer good-token", "content-type": "application/json" };

  it("stops reading an endless body at bodyLimit, cancels the stream and answers 413", async () => {
    let cancelled = false;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const handle = fetchHandler(usersApp.handler({ bodyLimit: 4096 } as never));
    const request = new Request("http://localhost/v1/users", { method: "POST", headers: auth, body: endless, duplex: "half" } as RequestInit);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(16);
  });

  it("answers an empty 404 for a request it passes on (fallthrough), with no pipeline headers", async () => {
    const handle = fetchHandler(usersApp.handler({ fallthrough: true } as never));
    const response = await handle(new Request("http://localhost/elsewhere"));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBeNull();
    expect(await response.text()).toBe("");
  });

  it("reads the path as the URL spells it, and the body of a declared operation", async () => {
    const handle = fetchHandler(usersApp.handler());
    const created = await handle(new Request("http://localhost/v1/users", { method: "POST", headers: { ...auth, "x-request-id": "web-1" }, body: JSON.stringify({ name: "Bob", email: "bob@example.com" }) }));
    expect(created.status).toBe(201);
    expect(created.headers.get("x-request-id")).toBe("web-1");
    expect(((await created.json()) as { data: { name: string } }).data.name).toBe("Bob");
    expect((await handle(new Request("http://localhost/v1/us%65rs/7", { headers: auth }))).status).toBe(200);
  });
});

describe("client addresses", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:10.0.0.7", "10.0.0.7"],
    ["127.0.0.1", "127.0.0.1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["::1", "::1"],
    ["::ffff:7f00:1", "::ffff:7f00:1"],
  ])("%s is counted as %s whichever adapter reported it", (reported, counted) => {
    expect(canonicalIp(reported)).toBe(counted);
  });
});
