/** Handlers for every operation of a Stripe contract, each answering an empty 200. */
const anyHandler = () => ({ status: 200, body: {} });
export const anyOperation = new Proxy({}, { get: () => anyHandler, has: () => true, getOwnPropertyDescriptor: () => ({ value: anyHandler, enumerable: true, configurable: true }) });

/** Verifiers for every security scheme, each accepting any credential. */
const anyVerifier = () => ({ id: "bench" });
export const anyCredential = new Proxy({}, { get: () => anyVerifier, has: () => true, getOwnPropertyDescriptor: () => ({ value: anyVerifier, enumerable: true, configurable: true }) });
