import { describe, expect, it } from "vitest";
import { patchDialectOf, readTraffic } from "./traffic.ts";

const patch = (operations: unknown[]) => JSON.stringify({ schemas: [], Operations: operations });

describe("patchDialectOf", () => {
  it.each([
    ["Entra's legacy dialect", patch([{ op: "Replace", path: "displayName", value: "A" }]), "entra-legacy"],
    ["the aadOptscim062020 dialect", patch([{ op: "replace", value: { displayName: "A" } }]), "entra-flag"],
    ["plain RFC 7644", patch([{ op: "remove", path: "title" }]), "rfc7644"],
    ["a body that is not JSON", "not json", null],
    ["a body without Operations", "{}", null],
  ])("recognises %s", (_name, body, dialect) => {
    expect(patchDialectOf(body)).toBe(dialect);
  });
});

describe("readTraffic", () => {
  const entry = (method: string) => ({
    startedDateTime: "2026-01-01T00:00:00.000Z",
    time: 1,
    request: { method, url: "http://127.0.0.1/bim/scim/entra/Users", headers: [] },
    response: { status: 200, headers: [], content: { text: "{}" } },
  });

  it("numbers entries after the dropped ones and returns only those after the given seq", () => {
    const har = {
      log: { comment: "2 earlier exchange(s) were dropped", entries: [entry("GET"), entry("POST")] },
    };
    const { entries, last } = readTraffic(har, 3);
    expect(last).toBe(4);
    expect(entries.map((item) => [item.seq, item.method])).toEqual([[4, "POST"]]);
  });
});
