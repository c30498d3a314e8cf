import { expect } from "vitest";
import { prepareDiscriminatorScan } from "../../src/emit/discriminator-scan.js";
import { openapiTypescript } from "../../src/internals.js";

type Document = Record<string, unknown>;

const { resolveRef, scanDiscriminators } = openapiTypescript();
const resolve = (document: object, ref: string) => resolveRef(document as never, ref, { silent: true });
const withComponents = (document: Document): Document => ({ ...document, components: document["components"] ?? {} });

/** Freezes every object in the document, so a write into any of them throws (openapi-typescript's code is strict). */
function deepFreeze(node: unknown): void {
  if (typeof node !== "object" || node === null || Object.isFrozen(node)) return;
  Object.freeze(node);
  for (const value of Object.values(node)) deepFreeze(value);
}

/**
 * openapi-typescript's scan run as the transform runs it now (on the cut document, writing into the
 * copied schemas) finds what it finds on a whole copy of the document and writes the same, and the
 * document given is not written to.
 */
export function expectScanAsOnWholeCopy(document: Document): void {
  const whole = withComponents(structuredClone(document));
  const expected = scanDiscriminators(whole as never, { silent: true });
  const before = JSON.stringify(document);
  deepFreeze(document);
  const scan = prepareDiscriminatorScan(document, resolve);
  if (scan === undefined) {
    expect(JSON.stringify(document).includes('"discriminator"')).toBe(false);
    expect(expected).toEqual({ objects: {}, refsHandled: [] });
    return;
  }
  const found = scanDiscriminators(withComponents(scan.scanned) as never, { silent: true });
  expect(found.refsHandled).toEqual(expected.refsHandled);
  expect(found.objects).toEqual(expected.objects);
  expect(JSON.stringify(withComponents(scan.document))).toBe(JSON.stringify(whole));
  expect(JSON.stringify(document)).toBe(before);
}
