/** The part of randexp's API the mock uses (the package ships no types). */
declare module "randexp" {
  export default class RandExp {
    constructor(pattern: RegExp);
    /** The most repetitions of an unbounded quantifier (`*`, `+`, `{n,}`). */
    max: number;
    /** Draws a whole number in [low, high]; replaced to make generation seeded. */
    randInt: (low: number, high: number) => number;
    gen(): string;
    /** Draws the text of one parsed token; `gen` calls it for every token, recursively. Wrapped to bound a draw. */
    _gen(token: object, groups: Array<string | null>): string;
  }
}
