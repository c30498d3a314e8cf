/**
 * Sets an own, enumerable data property, even for names such as `__proto__` that plain
 * assignment would treat as the prototype. Request data always goes through here. The targets are
 * plain objects made by the runtime, whose only inherited setter is `__proto__`: any other name
 * is assigned, which makes the same property without a descriptor object.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__") {
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
