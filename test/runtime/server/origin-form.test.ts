import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { originForm } from "../../../templates/runtime/server/http.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

/** Characters a request target may carry, the separators and escapes included. */
const targetChar = fc.constantFrom(..."aZ09-_.~!$&'()*+,;=:@/?#%[] é".split(""), "%2F", "//");
const scheme = fc
  .tuple(fc.constantFrom(..."hHtTpPsSwWxX".split("")), fc.array(fc.constantFrom(..."aZtTpPsS09+.-".split("")), { maxLength: 6 }))
  .map(([first, rest]) => first + rest.join(""));
/** An authority as it may come: a host (a name in any case, an IPv4 or IPv6 literal) and a port. */
const authority = fc
  .tuple(fc.constantFrom("example.com", "Example.COM", "127.0.0.1", "[::1]", "a-b.c", ""), fc.constantFrom("", ":80", ":8443"))
  .map((parts) => parts.join(""));

describe("originForm", () => {
  it("keeps an origin-form target as it is", () => {
    fc.assert(
      fc.property(fc.array(targetChar, { maxLength: 16 }), (chars) => {
        const target = `/${chars.join("")}`;
        expect(originForm(target)).toBe(target);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("drops an absolute-form target's scheme and authority, and gives a target without a path the path /", () => {
    fc.assert(
      fc.property(scheme, authority, fc.array(targetChar, { maxLength: 16 }), (name, host, chars) => {
        const rest = chars.join("");
        const path = rest.startsWith("/") ? rest : `/${rest}`;
        expect(originForm(`${name}://${host}${path}`)).toBe(path);
        const query = `?${rest.replace(/[/#]/g, "")}`;
        expect(originForm(`${name}://${host}${query}`)).toBe(`/${query}`);
        expect(originForm(`${name}://${host}`)).toBe("/");
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("leaves an absolute-form target with user info alone, to match no operation", () => {
    fc.assert(
      fc.property(scheme, fc.constantFrom("user@", "user:pw@", "@", "a@b@"), authority, fc.array(targetChar, { maxLength: 16 }), (name, user, host, chars) => {
        const target = `${name}://${user}${host}/${chars.join("")}`;
        expect(originForm(target)).toBe(target);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("leaves the other forms (asterisk, authority) and malformed targets alone, to match no operation", () => {
    for (const target of ["*", "example.com:443", "", "1http://x/y", "http:/x/y", "://x/y", "users/7"]) {
      expect(originForm(target)).toBe(target);
    }
  });
});
