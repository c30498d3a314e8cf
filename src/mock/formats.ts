/**
 * Sample strings for the JSON Schema and OpenAPI formats a validator checks, each valid under
 * ajv-formats' full mode (what the generated server uses), varied by the mock's seeded generator.
 */
import type { Random } from "./random.js";

const WORDS = ["alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "sierra", "tango", "zulu"];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function date(random: Random): string {
  return `${random.int(2020, 2029)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
}

function time(random: Random): string {
  return `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}Z`;
}

function hex(random: Random, length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) text += random.int(0, 15).toString(16);
  return text;
}

function uuid(random: Random): string {
  const variant = "89ab".charAt(random.int(0, 3));
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

const SAMPLES: Readonly<Record<string, (random: Random) => string>> = {
  date,
  time,
  "date-time": (random) => `${date(random)}T${time(random)}`,
  duration: (random) => `P${random.int(1, 30)}D`,
  email: (random) => `${random.pick(WORDS)}${random.int(1, 99)}@example.com`,
  "idn-email": (random) => `${random.pick(WORDS)}${random.int(1, 99)}@example.com`,
  hostname: (random) => `${random.pick(WORDS)}.example.com`,
  "idn-hostname": (random) => `${random.pick(WORDS)}.example.com`,
  ipv4: (random) => `192.0.2.${random.int(1, 254)}`,
  ipv6: (random) => `2001:db8::${random.int(1, 0xffff).toString(16)}`,
  uri: (random) => `https://example.com/${random.pick(WORDS)}/${random.int(1, 999)}`,
  url: (random) => `https://example.com/${random.pick(WORDS)}/${random.int(1, 999)}`,
  iri: (random) => `https://example.com/${random.pick(WORDS)}/${random.int(1, 999)}`,
  "uri-reference": (random) => `/${random.pick(WORDS)}/${random.int(1, 999)}`,
  "iri-reference": (random) => `/${random.pick(WORDS)}/${random.int(1, 999)}`,
  "uri-template": (random) => `https://example.com/${random.pick(WORDS)}/{id}`,
  uuid,
  guid: uuid,
  byte: (random) => btoa(random.pick(WORDS)),
  binary: (random) => random.pick(WORDS),
  password: (random) => `${random.pick(WORDS)}-${hex(random, 8)}`,
  regex: () => "^[a-z]+$",
  "json-pointer": (random) => `/${random.pick(WORDS)}/${random.int(0, 9)}`,
  "relative-json-pointer": (random) => `${random.int(0, 3)}/${random.pick(WORDS)}`,
};

/** A sample of a string format, or undefined for a format the mock has no sample of. */
export function formatSample(format: string, random: Random): string | undefined {
  return Object.hasOwn(SAMPLES, format) ? SAMPLES[format]?.(random) : undefined;
}

/** A readable word, for strings the schema says nothing else about. */
export function word(random: Random): string {
  return random.pick(WORDS);
}
