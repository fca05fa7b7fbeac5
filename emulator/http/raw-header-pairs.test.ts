import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rawHeaderPairs } from "./raw-header-pairs.ts";

/** What a fetch Headers built the way @hono/node-server builds one iterates. */
function viaHeaders(raw: readonly string[]): [string, string][] {
  const headers = new Headers();
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] ?? "";
    if (!name.startsWith(":")) headers.append(name, raw[index + 1] ?? "");
  }
  return [...headers];
}

const NAMES = ["Host", "host", "Cookie", "set-cookie", "Set-Cookie", "Accept", "X-B", "x-a", ":method"];

describe("rawHeaderPairs", () => {
  it.each([
    [["Host", "a", "Content-Type", "application/json"]],
    [["Cookie", "a=1", "cookie", "b=2", "X-Y", " v "]],
    [["Set-Cookie", "a=1", "set-cookie", "b=2", "Accept", "x", "accept", "y"]],
    [[":method", "GET", ":path", "/", "Host", "h"]],
    [[]],
  ])("iterates %j as a fetch Headers does", (raw) => {
    expect(rawHeaderPairs(raw)).toEqual(viaHeaders(raw));
  });

  it("matches a fetch Headers for any list of names and values", () => {
    const value = fc.stringMatching(/^[ \t]*[!-~]*(?: [!-~]+)*[ \t]*$/);
    const pair = fc.tuple(fc.constantFrom(...NAMES), value);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
        const raw = pairs.flat();
        expect(rawHeaderPairs(raw)).toEqual(viaHeaders(raw));
      }),
    );
  });
});
