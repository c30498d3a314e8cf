/**
 * Sets an own, enumerable data property, even for names such as `__proto__` that plain
 * assignment would treat as the prototype. Request data always goes through here. The targets are
 * plain objects made by the runtime: a name `Object.prototype` does not have is assigned, which
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
