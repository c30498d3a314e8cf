import type { SecurityRequirementEntry, SecuritySchemeContract } from "../contract.js";

/** A credential, or a function that returns one per call (for tokens that refresh). */
export type Credential<T> = T | (() => T | Promise<T>);

export interface BasicCredentials {
  username: string;
  password: string;
}

/** What a request carries for auth. */
export interface AuthParts {
  headers: Record<string, string>;
  query: Array<[string, string]>;
  cookies: Array<[string, string]>;
}

/**
 * Applies the first of an operation's security alternatives whose every scheme has a credential
 * configured (OpenAPI semantics: alternatives are OR, schemes in one are AND). An operation
 * with no requirements, or none that can be met, goes without (the server answers 401).
 */
export async function applyAuth(
  security: readonly (readonly SecurityRequirementEntry[])[],
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  credentials: Readonly<Record<string, unknown>> | undefined,
): Promise<AuthParts> {
  const parts: AuthParts = { headers: {}, query: [], cookies: [] };
  if (credentials === undefined) return parts;
  const usable = security.find(
    (requirement) =>
      requirement.length > 0 &&
      requirement.every(
        (entry) =>
          Object.hasOwn(credentials, entry.scheme) && credentials[entry.scheme] !== undefined,
      ),
  );
  for (const entry of usable ?? []) {
    const scheme = schemes[entry.scheme];
    if (scheme === undefined) continue;
    const raw = credentials[entry.scheme];
    const value = typeof raw === "function" ? await (raw as () => unknown)() : raw;
    if (scheme.type === "apiKey") {
      const name = scheme.name ?? "";
      if (scheme.in === "header") parts.headers[name] = String(value);
      else if (scheme.in === "query") parts.query.push([name, String(value)]);
      else parts.cookies.push([name, String(value)]);
    } else if (scheme.type === "http" && scheme.scheme === "basic") {
      const { username, password } = value as BasicCredentials;
      parts.headers["authorization"] = `Basic ${base64(`${username}:${password}`)}`;
    } else if (
      scheme.type === "http" &&
      scheme.scheme !== undefined &&
      scheme.scheme !== "bearer"
    ) {
      parts.headers["authorization"] =
        `${scheme.scheme.charAt(0).toUpperCase()}${scheme.scheme.slice(1)} ${String(value)}`;
    } else if (scheme.type !== "mutualTLS") {
      parts.headers["authorization"] = `Bearer ${String(value)}`;
    }
  }
  return parts;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
