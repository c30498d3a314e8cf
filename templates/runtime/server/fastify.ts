import type { FastifyPluginCallback } from "fastify";
import type { RequestHandler } from "./handle.js";
import type { ServerResponse } from "./http.js";
import { fromIncomingMessage } from "./node-request.js";

/**
 * The request pipeline as a Fastify 5 plugin: `app.register(plugin)`, optionally with a `prefix`
 * (then set `basePath` to match: the pipeline routes the whole path; the docs, when on, are served
 * below the prefix). Inside the plugin's own scope, request bodies are left unread for the
 * pipeline, which applies the contract's limits and answers in its one error format; the parent's
 * content-type parsers are untouched. The client's address is `request.ip`, so Fastify's
 * `trustProxy` applies; responses go out through `reply.send`, so `onSend` hooks and the request
 * log see them.
 */
export function fastifyPlugin(handle: RequestHandler): FastifyPluginCallback {
  return (instance, _options, done) => {
    instance.removeAllContentTypeParsers();
    // Every body is left to the pipeline. "*" takes a request without a `Content-Type`; the pattern
    // takes every other, and Fastify keeps what a pattern matched in its cache, where a "*" match
    // is worked out again on each request.
    const leaveUnread = (
      _request: unknown,
      _payload: unknown,
      parsed: (error: null, body: undefined) => void,
    ) => parsed(null, undefined);
    instance.addContentTypeParser("*", leaveUnread);
    instance.addContentTypeParser(/^/, leaveUnread);
    // The plugin's prefix, its parents' included ("" when it has none).
    const mountPath = instance.prefix;
    instance.all("/*", async (request, reply) => {
      const response = await handle(
        fromIncomingMessage(request.raw, { ip: () => request.ip, mountPath }),
      );
      if (response === undefined) return reply.callNotFound();
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      return reply.send(payload(response));
    });
    done();
  };
}

/**
 * The body as Fastify should send it. A text goes as it is (one write with the head) unless its
 * content type has no charset, which Fastify would add: then as bytes, so the contract's media type
 * goes out exactly as the pipeline set it.
 */
function payload(response: ServerResponse): string | Buffer | undefined {
  const { body } = response;
  if (body === undefined) return undefined;
  if (typeof body !== "string") return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return (response.headers.get("content-type") ?? "").includes("charset=")
    ? body
    : Buffer.from(body, "utf8");
}
