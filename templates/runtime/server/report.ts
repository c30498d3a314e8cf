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
