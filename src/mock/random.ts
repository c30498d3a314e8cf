/**
 * The mock's only source of chance: a small seeded generator (mulberry32), so one seed and one
 * request always give one answer.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [low, high] (both included). */
  int(low: number, high: number): number;
  /** One of `items` (which must not be empty). */
  pick<T>(items: readonly T[]): T;
}

/** A generator seeded from any number of strings and numbers (FNV-1a over their text). */
export function randomFrom(...parts: Array<string | number>): Random {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (const char of `${String(part)}\u0000`) {
      hash ^= char.codePointAt(0) ?? 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return mulberry32(hash);
}

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
