import type { SecurityRequirementEntry, SecuritySchemeContract } from "../contract.js";
import { fromBase64 } from "../base64.js";
import { HttpError } from "./errors.js";
import { isThenable } from "./thenable.js";
import { headerValue, type IncomingHeaders } from "./http.js";
import type { QueryPairs } from "./parameters.js";
import type { Route } from "./route.js";

/** What a verifier returns to refuse a credential it recognises: the caller is known but may not do this. */
export class Forbidden {
  readonly message: string;

  constructor(message = "You may not perform this operation.") {
    this.message = message;
  }
}

/** Returned by a verifier: the credential is valid but does not allow this operation (403). */
export function forbidden(message?: string): Forbidden {
  return new Forbidden(message);
}

export interface BasicCredentials {
  username: string;
  password: string;
}

export interface VerifyContext {
  /** The scopes the operation's requirement lists for this scheme (OAuth2 / OpenID Connect). */
  scopes: readonly string[];
  operationId: string;
  requestId: string;
}

/** A principal when the credential is good, `null` when it is not (401), `forbidden()` for a 403. */
export type Verifier<Credential, Principal> = (
  credential: Credential,
  context: VerifyContext,
) => Principal | null | Forbidden | Promise<Principal | null | Forbidden>;

/** Credentials as a request carries them: the inputs scheme extraction reads. */
export interface CredentialSources {
  headers: IncomingHeaders;
  query: QueryPairs;
  cookies: ReadonlyMap<string, string>;
  clientCertificate: unknown;
}

export type AuthOutcome<Principal> = { principal: Principal | undefined };

type AnyVerifier = Verifier<never, unknown>;

/**
 * Evaluates an operation's security requirements exactly as OpenAPI defines them: any one
 * alternative suffices; every scheme within an alternative must pass; an empty alternative (or no
 * requirements at all) admits anonymous callers, after the credentialed ones are tried. Each scheme is verified at most once per request
 * and scope set. The principal is the one returned for the first scheme of the passing alternative.
 */
export async function authenticate<Principal>(
  operation: Pick<Route, "security" | "repeatsScheme">,
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  verifiers: Readonly<Record<string, unknown>>,
  sources: CredentialSources,
  context: Omit<VerifyContext, "scopes">,
  realm: string,
): Promise<AuthOutcome<Principal>> {
  const requirements = operation.security;
  if (requirements.length === 0) return { principal: undefined };
  // Results by scheme and scopes, kept only when one scheme is in more than one alternative.
  const remember = operation.repeatsScheme;
  let memo: Map<string, unknown> | undefined;
  let refusal: Forbidden | undefined;
  let presented = false;
  alternatives: for (const requirement of requirements) {
    if (requirement.length === 0) continue;
    let principal: unknown;
    for (let index = 0; index < requirement.length; index++) {
      const entry = requirement[index] as SecurityRequirementEntry;
      const scheme = schemes[entry.scheme];
      const credential = scheme === undefined ? undefined : extractCredential(scheme, sources);
      if (credential === undefined) continue alternatives;
      presented = true;
      // A credential that is there but malformed (`null`) fails without asking the verifier.
      if (credential === null) continue alternatives;
      const key = remember ? `${entry.scheme}\u0000${entry.scopes.join(" ")}` : "";
      let result: unknown;
      if (memo?.has(key) === true) result = memo.get(key);
      else {
        const verify = verifiers[entry.scheme] as AnyVerifier;
        // Written out, not spread: a spread with an added property is copied the slow way.
        result = verify(credential as never, {
          operationId: context.operationId,
          requestId: context.requestId,
          scopes: entry.scopes,
        });
        if (remember) (memo ??= new Map()).set(key, result);
      }
      // A verifier that answers at once is not awaited: no promise is made for it.
      const outcome = isThenable(result) ? await result : result;
      if (outcome instanceof Forbidden) {
        refusal ??= outcome;
        continue alternatives;
      }
      if (outcome === null || outcome === undefined) continue alternatives;
      if (index === 0) principal = outcome;
    }
    return { principal: principal as Principal | undefined };
  }
  // An empty alternative (`{}`) admits anonymous callers once no credentialed one passed.
  if (requirements.some((alternative) => alternative.length === 0)) return { principal: undefined };
  if (refusal !== undefined) throw new HttpError(403, "FORBIDDEN", refusal.message);
  const challenge = challenges(requirements, schemes, realm, presented);
  throw new HttpError(
    401,
    "UNAUTHORIZED",
    presented ? "The credentials are not valid." : "Authentication is required.",
    [],
    new Map(challenge === "" ? [] : [["www-authenticate", challenge]]),
  );
}

/** The credential a scheme reads from a request: `undefined` when absent, `null` when malformed. */
export function extractCredential(
  scheme: SecuritySchemeContract,
  sources: CredentialSources,
): unknown {
  switch (scheme.type) {
    case "apiKey": {
      const name = scheme.name ?? "";
      if (scheme.in === "header") return nonEmpty(headerValue(sources.headers, name.toLowerCase()));
      if (scheme.in === "query") return nonEmpty(sources.query.find(([key]) => key === name)?.[1]);
      return nonEmpty(sources.cookies.get(name));
    }
    case "http": {
      const token = authorization(sources.headers, scheme.scheme ?? "");
      if (token === undefined || scheme.scheme !== "basic") return token;
      return decodeBasic(token);
    }
    case "oauth2":
    case "openIdConnect":
      return authorization(sources.headers, "bearer");
    case "mutualTLS":
      return sources.clientCertificate ?? undefined;
  }
}

/** The credentials after `Authorization: <scheme> `, when the header uses that scheme. */
function authorization(headers: IncomingHeaders, scheme: string): string | undefined {
  const value = headerValue(headers, "authorization");
  if (value === undefined) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space).toLowerCase() !== scheme) return undefined;
  return nonEmpty(value.slice(space + 1).trim());
}

/** `Basic` credentials (RFC 7617); a malformed value counts as a present but invalid credential. */
function decodeBasic(token: string): BasicCredentials | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(fromBase64(token));
  } catch {
    return null; // a length base64 cannot have
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** `WWW-Authenticate` (RFC 9110 §11.6.1): one challenge per scheme the operation accepts. */
function challenges(
  requirements: readonly (readonly SecurityRequirementEntry[])[],
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  realm: string,
  presented: boolean,
): string {
  const seen = new Set<string>();
  for (const requirement of requirements) {
    for (const entry of requirement) {
      const scheme = schemes[entry.scheme];
      if (scheme === undefined) continue;
      const challenge = challengeFor(scheme, entry.scopes, realm, presented);
      if (challenge !== undefined) seen.add(challenge);
    }
  }
  return [...seen].join(", ");
}

function challengeFor(
  scheme: SecuritySchemeContract,
  scopes: readonly string[],
  realm: string,
  presented: boolean,
): string | undefined {
  const realmParam = `realm=${quote(realm)}`;
  switch (scheme.type) {
    case "apiKey":
      return `ApiKey ${realmParam}, in=${quote(scheme.in ?? "")}, name=${quote(scheme.name ?? "")}`;
    case "http": {
      const name = scheme.scheme ?? "";
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return undefined;
      const title = name.charAt(0).toUpperCase() + name.slice(1);
      if (name === "basic") return `Basic ${realmParam}, charset="UTF-8"`;
      if (name === "bearer") return bearer(realmParam, scopes, presented);
      return `${title} ${realmParam}`;
    }
    case "oauth2":
    case "openIdConnect":
      return bearer(realmParam, scopes, presented);
    case "mutualTLS":
      return undefined;
  }
}

/** RFC 6750 §3: `error="invalid_token"` once a token was presented; `scope` when scopes are required. */
function bearer(realmParam: string, scopes: readonly string[], presented: boolean): string {
  const parts = [`Bearer ${realmParam}`];
  if (scopes.length > 0) parts.push(`scope=${quote(scopes.join(" "))}`);
  if (presented) parts.push('error="invalid_token"');
  return parts.join(", ");
}

/** An RFC 9110 quoted-string: control characters dropped, `"` and `\` escaped. */
function quote(text: string): string {
  return `"${text.replace(/[\u0000-\u001f\u007f-\uffff]/g, "").replace(/["\\]/g, "\\$&")}"`;
}
