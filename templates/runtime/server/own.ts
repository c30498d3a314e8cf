/**
 * A record of request data (parameters of one location, an object parameter, form fields): an
 * object without a prototype. Every such record has the engine's one dictionary shape whatever
 * names it holds, so the steps every operation shares read and write it at one shape. Records
 * with an ordinary prototype take a shape per set of names, and a server whose operations name
 * their parameters differently spends about 5% more CPU per request when requests spread over its
 * operations (Stripe's 191 routes round-robin, `bench:server`). No name reads anything inherited
 * (`toString`, `constructor`): Node's `querystring.parse` and Fastify's `request.query` give
 * objects without a prototype too.
 */
export function dataRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/**
 * Sets an own, enumerable data property, even for names such as `__proto__` that plain
 * assignment would treat as the prototype. Request data always goes through here. The targets are
 * records ({@link dataRecord}) and plain objects made by the runtime (projected fields, a body
 * given its defaults): a name `Object.prototype` does not have is assigned, which
 * makes the same property without a descriptor object; one it has (`__proto__`, `toString`, and
 * any a library added, or froze with `--frozen-intrinsics`) is defined.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!(key in Object.prototype)) {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function getOwn(source: unknown, key: string): unknown {
  return typeof source === "object" && source !== null && Object.hasOwn(source, key)
    ? (source as Record<string, unknown>)[key]
    : undefined;
}
