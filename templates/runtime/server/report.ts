/** Where a failure happened, as `onError` hears of it. */
export interface ErrorContext {
  requestId: string;
  operationId: string | undefined;
  method: string;
  path: string;
}

/** The default `onError`: one line per failure, with the request id, on stderr. */
export function logError(error: unknown, context: ErrorContext): void {
  console.error(
    `[${context.requestId}] ${context.method} ${context.path} (${context.operationId ?? "no operation"}) failed:`,
    error,
  );
}

/** `onError` that can never throw into the pipeline: its own failure is logged beside the error. */
export function safeReporter(
  onError: (error: unknown, context: ErrorContext) => void,
): (error: unknown, context: ErrorContext) => void {
  return (error, context) => {
    try {
      onError(error, context);
    } catch (failure) {
      logError(error, context);
      console.error(`[${context.requestId}] onError itself threw:`, failure);
    }
  };
}

/** How long a store must go without failing before its next failure counts as a new outage. */
export const OUTAGE_QUIET_MS = 10_000;

/**
 * Tells of a store's failures once per outage: a failure is reported when none came in the last
 * `OUTAGE_QUIET_MS`. On a Redis Cluster losing one primary, keys on the other primaries go on
 * working between the failures; counting successes as the end of the outage would report it
 * again and again.
 */
export class OutageReporter {
  #lastFailure = Number.NEGATIVE_INFINITY;
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  failed(error: unknown, report: (error: unknown) => void): void {
    const at = this.#now();
    if (at - this.#lastFailure >= OUTAGE_QUIET_MS) report(error);
    this.#lastFailure = at;
  }
}
