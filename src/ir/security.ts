import type { SecurityRequirement, SecurityScheme } from "./model.js";
import { BuildContext, entriesOf, isRecord, optionalString } from "./context.js";
import { camelCase, NameRegistry } from "./naming.js";
import { escapeToken } from "../pointer.js";

const SCHEME_TYPES: ReadonlySet<string> = new Set(["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"]);
const KEY_LOCATIONS: ReadonlySet<string> = new Set(["header", "query", "cookie"]);

/** The Security Scheme Objects under `components.securitySchemes` (OpenAPI 3 §4.8.27). */
export function buildSecuritySchemes(context: BuildContext): SecurityScheme[] {
  const components = context.document.components;
  const names = new NameRegistry();
  return entriesOf(isRecord(components) ? components.securitySchemes : undefined).map(([name, raw]) => {
    const at = context.pointer("components", "securitySchemes", name);
    const { value } = context.resolve(raw, at);
    const type = optionalString(value.type) ?? "";
    if (!SCHEME_TYPES.has(type)) {
      throw context.error(`unknown security scheme type ${JSON.stringify(type)}`, `${at}/type`, "use apiKey, http, oauth2, openIdConnect or mutualTLS");
    }
    const location = optionalString(value.in);
    return {
      name,
      id: names.claim(camelCase(name, "scheme")),
      type: type as SecurityScheme["type"],
      in: location !== undefined && KEY_LOCATIONS.has(location) ? (location as SecurityScheme["in"]) : undefined,
      parameterName: type === "apiKey" ? optionalString(value.name) : undefined,
      scheme: type === "http" ? optionalString(value.scheme)?.toLowerCase() : undefined,
      description: optionalString(value.description),
    };
  });
}

/**
 * A list of Security Requirement Objects (OpenAPI 3 §4.8.30): alternatives of combinations.
 * `[]` means no authentication; an empty object inside the list makes auth optional.
 */
export function buildSecurity(
  raw: unknown,
  at: string,
  schemes: ReadonlyArray<SecurityScheme>,
  context: BuildContext,
): SecurityRequirement[] {
  if (!Array.isArray(raw)) return [];
  const known = new Set(schemes.map((scheme) => scheme.name));
  return raw.map((requirement, index) =>
    entriesOf(requirement).map(([scheme, scopes]) => {
      if (!known.has(scheme)) {
        throw context.error(
          `security requirement names an undefined scheme ${JSON.stringify(scheme)}`,
          `${at}/${index}/${escapeToken(scheme)}`,
          "define it under components.securitySchemes or fix the name",
        );
      }
      return { scheme, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [] };
    }),
  );
}
