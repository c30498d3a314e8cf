import type { FastifyPluginCallback } from "fastify";
import type { RequestHandler } from "./handle.js";
import { fromIncomingMessage } from "./node-request.js";

/**
 * The request pipeline as a Fastify 5 plugin: `app.register(plugin)`, optionally with a `prefix`
 * (then set `basePath` to match). Inside the plugin's own scope, request bodies are left unread
 * for the pipeline, which applies the contract's limits and answers in its one error format; the
 * parent's content-type parsers are untouched. The client's address is `request.ip`, so Fastify's
 * `trustProxy` applies; responses go out through `reply.send`, so `onSend` hooks and the request
 * log see them.
 */
export function fastifyPlugin(handle: RequestHandler): FastifyPluginCallback {
  return (instance, _options, done) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", (_request, _payload, parsed) => parsed(null, undefined));
    instance.all("/*", async (request, reply) => {
      const response = await handle(fromIncomingMessage(request.raw, { ip: request.ip }));
      if (response === undefined) return reply.callNotFound();
      reply.code(response.status).headers(Object.fromEntries(response.headers));
      // Bytes, so Fastify sends the body and its content type exactly as the pipeline made them.
      const { body } = response;
      return reply.send(
        body === undefined
          ? undefined
          : typeof body === "string"
            ? Buffer.from(body, "utf8")
            : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      );
    });
    done();
  };
}
