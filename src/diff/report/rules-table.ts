import { RULES, SCHEMA_CHANGE_KINDS, SCHEMA_CONTEXTS, type Rule } from "../rules.js";

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/**
 * The catalogue as the README shows it: the operation-level rules one per row, then the schema
 * change kinds once each with their severity per place (the rule id is `<place>-<kind>`).
 */
export function renderRulesTable(): string {
  const schemaIds = new Set(SCHEMA_CONTEXTS.flatMap((context) => SCHEMA_CHANGE_KINDS.map((kind) => `${context.prefix}-${kind.kind}`)));
  const own = RULES.filter((rule: Rule) => !schemaIds.has(rule.id));
  const lines = [
    `${RULES.length} rules: ${own.length} about operations, parameters, bodies, responses, security, the contract's extensions and generated names, and ${SCHEMA_CHANGE_KINDS.length} schema change kinds judged in each of ${SCHEMA_CONTEXTS.length} places.`,
    "",
    "| rule | severity | direction | description |",
    "|---|---|---|---|",
    ...own.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.direction} | ${escapeCell(rule.description)} |`),
    "",
    `Schema changes: the rule id is the place (${SCHEMA_CONTEXTS.map((context) => `\`${context.prefix}\``).join(", ")}) and the kind, e.g. \`request-body-max-length-decreased\`.`,
    "",
    "| kind | in a request (body, parameter) | in a response (body, header) | description |",
    "|---|---|---|---|",
    ...SCHEMA_CHANGE_KINDS.map((kind) => `| \`${kind.kind}\` | ${kind.only === "response" ? "—" : kind.request} | ${kind.only === "request" ? "—" : kind.response} | ${escapeCell(kind.description)} |`),
  ];
  return lines.join("\n");
}
