/**
 * Assigns an own, enumerable data property, even for a key like `__proto__` that plain
 * assignment would treat as the prototype. Every object keyed by spec text is built with this.
 */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
