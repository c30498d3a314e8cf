import type { MediaType, Operation, Response, ResponseHeader } from "../ir/model.js";
import type { OperationRef } from "./finding.js";
import { report, type DiffContext } from "./context.js";

/** `application/json; charset=utf-8` and `Application/JSON` are one media type. */
function mediaKey(media: MediaType): string {
  return (media.contentType.split(";")[0] ?? "").trim().toLowerCase();
}

function isSuccess(status: string): boolean {
  return status.startsWith("2");
}

/** The request body: whether one is taken, required, in which media types, and each media type's schema. */
export function compareRequestBody(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const baseBody = base.requestBody;
  const headBody = head.requestBody;
  if (baseBody === undefined && headBody === undefined) return;
  if (baseBody === undefined || headBody === undefined) {
    const added = headBody !== undefined;
    report(
      context,
      {
        rule: added ? (headBody.required ? "request-body-added-required" : "request-body-added") : "request-body-removed",
        location: "request.body",
        basePointer: baseBody?.pointer ?? base.pointer,
        headPointer: headBody?.pointer ?? head.pointer,
        message: added ? `${headBody.required ? "required" : "optional"} request body added` : "request body removed",
        impact: added ? "clients that send no body" : "clients that send a body",
      },
      operation,
    );
    return;
  }
  const pointers = { basePointer: baseBody.pointer, headPointer: headBody.pointer, location: "request.body" };
  if (baseBody.required !== headBody.required) {
    report(
      context,
      headBody.required
        ? { rule: "request-body-became-required", ...pointers, message: "the request body became required", impact: "clients that send no body" }
        : { rule: "request-body-became-optional", ...pointers, message: "the request body became optional" },
      operation,
    );
  }
  compareContent(context, baseBody.content, headBody.content, "request", "request.body", operation, pointers);
}

/** Responses by status: statuses removed and added, then each kept one's media types, schemas and headers. */
export function compareResponses(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const heads = new Map(head.responses.map((response) => [response.status, response]));
  for (const baseResponse of base.responses) {
    const headResponse = heads.get(baseResponse.status);
    heads.delete(baseResponse.status);
    if (headResponse === undefined) {
      const success = isSuccess(baseResponse.status);
      report(
        context,
        {
          rule: success ? "response-success-status-removed" : "response-error-status-removed",
          location: `response ${baseResponse.status}`,
          basePointer: baseResponse.pointer,
          headPointer: head.pointer,
          message: `status ${baseResponse.status} removed`,
          ...(success ? { impact: `clients that handle ${baseResponse.status} as the result` } : {}),
        },
        operation,
      );
      continue;
    }
    compareResponse(context, baseResponse, headResponse, operation);
  }
  for (const headResponse of heads.values()) {
    report(
      context,
      {
        rule: isSuccess(headResponse.status) ? "response-success-status-added" : "response-error-status-added",
        location: `response ${headResponse.status}`,
        basePointer: base.pointer,
        headPointer: headResponse.pointer,
        message: `status ${headResponse.status} added`,
      },
      operation,
    );
  }
}

function compareResponse(context: DiffContext, base: Response, head: Response, operation: OperationRef): void {
  const location = `response ${base.status}`;
  compareContent(context, base.content, head.content, "response", location, operation, { basePointer: base.pointer, headPointer: head.pointer });
  const heads = new Map(head.headers.map((header) => [header.name.toLowerCase(), header]));
  for (const baseHeader of base.headers) {
    const key = baseHeader.name.toLowerCase();
    const headHeader = heads.get(key);
    heads.delete(key);
    const where = `${location} header ${baseHeader.name}`;
    if (headHeader === undefined) {
      report(
        context,
        {
          rule: baseHeader.required ? "response-header-removed" : "response-optional-header-removed",
          location: where,
          basePointer: baseHeader.pointer,
          headPointer: head.pointer,
          message: `header ${baseHeader.name} removed`,
          impact: `clients that read ${baseHeader.name}`,
        },
        operation,
      );
      continue;
    }
    compareHeader(context, baseHeader, headHeader, where, operation);
  }
  for (const headHeader of heads.values()) {
    report(
      context,
      { rule: "response-header-added", location: `${location} header ${headHeader.name}`, basePointer: base.pointer, headPointer: headHeader.pointer, message: `header ${headHeader.name} added` },
      operation,
    );
  }
}

function compareHeader(context: DiffContext, base: ResponseHeader, head: ResponseHeader, location: string, operation: OperationRef): void {
  const pointers = { basePointer: base.pointer, headPointer: head.pointer, location };
  if (base.required && !head.required) {
    report(context, { rule: "response-header-became-optional", ...pointers, message: `${base.name} became optional`, impact: `clients that expect ${base.name} on every response` }, operation);
  } else if (!base.required && head.required) {
    report(context, { rule: "response-header-became-required", ...pointers, message: `${base.name} became required` }, operation);
  }
  context.schemas.compare(
    { schema: base.schema ?? {}, pointer: `${base.pointer}/schema` },
    { schema: head.schema ?? {}, pointer: `${head.pointer}/schema` },
    location,
    { context: "response-header", direction: "response", root: location },
    operation,
  );
}

/** Media types removed, added, and the schemas of those both sides have. */
function compareContent(
  context: DiffContext,
  base: MediaType[],
  head: MediaType[],
  direction: "request" | "response",
  location: string,
  operation: OperationRef,
  owners: { basePointer: string; headPointer: string },
): void {
  const heads = new Map(head.map((media) => [mediaKey(media), media]));
  const several = base.length > 1 || head.length > 1;
  for (const baseMedia of base) {
    const headMedia = heads.get(mediaKey(baseMedia));
    heads.delete(mediaKey(baseMedia));
    if (headMedia === undefined) {
      report(
        context,
        {
          rule: `${direction}-media-type-removed`,
          location,
          basePointer: baseMedia.pointer,
          headPointer: owners.headPointer,
          message: `media type ${baseMedia.contentType} removed`,
          impact: direction === "request" ? `clients that send ${baseMedia.contentType}` : `clients that accept only ${baseMedia.contentType}`,
        },
        operation,
      );
      continue;
    }
    // A schema path starts after a space: `response 200 .data[].status`.
    const where = `${location}${several ? ` (${mediaKey(baseMedia)})` : ""}${direction === "response" ? " " : ""}`;
    context.schemas.compare(
      { schema: baseMedia.schema ?? {}, pointer: `${baseMedia.pointer}/schema` },
      { schema: headMedia.schema ?? {}, pointer: `${headMedia.pointer}/schema` },
      where,
      { context: direction === "request" ? "request-body" : "response-body", direction, root: where },
      operation,
    );
  }
  for (const headMedia of heads.values()) {
    report(
      context,
      { rule: `${direction}-media-type-added`, location, basePointer: owners.basePointer, headPointer: headMedia.pointer, message: `media type ${headMedia.contentType} added` },
      operation,
    );
  }
}
