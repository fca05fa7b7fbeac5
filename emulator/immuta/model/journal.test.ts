import { describe, expect, it } from "vitest";
import { createJournal, journalToHar, redactBody, redactHeaders, type JournalEntry } from "./journal.ts";

function entry(index: number, overrides: Partial<JournalEntry["request"]> = {}): JournalEntry {
  return {
    startedDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
    time: 1.5,
    request: {
      method: "GET",
      url: `http://immuta.test/scim/Users?n=${index}`,
      headers: [],
      body: "",
      ...overrides,
    },
    response: {
      status: 200,
      statusText: "",
      headers: [["content-type", "application/scim+json"]],
      body: "{}",
    },
  };
}

describe("createJournal", () => {
  it("keeps exchanges in order", () => {
    const journal = createJournal(10);
    for (let index = 0; index < 3; index += 1) journal.record(entry(index));
    expect(journal.entries().map((e) => e.request.url)).toEqual(
      [0, 1, 2].map((n) => `http://immuta.test/scim/Users?n=${n}`),
    );
    expect(journal.dropped()).toBe(0);
  });

  it.each([
    [3, 2, [0, 1]],
    [3, 3, [0, 1, 2]],
    [3, 4, [1, 2, 3]],
    [3, 10, [7, 8, 9]],
    [1, 5, [4]],
  ])("with limit %i after %i records keeps %j", (limit, records, kept) => {
    const journal = createJournal(limit);
    for (let index = 0; index < records; index += 1) journal.record(entry(index));
    expect(journal.entries().map((e) => Number(new URL(e.request.url).searchParams.get("n")))).toEqual(kept);
    expect(journal.dropped()).toBe(Math.max(0, records - limit));
  });

  it.each([0, -1, Number.NaN])("records nothing with limit %d", (limit) => {
    const journal = createJournal(limit);
    journal.record(entry(0));
    expect(journal.entries()).toEqual([]);
    expect(journal.limit).toBe(0);
  });

  it("starts over after clear", () => {
    const journal = createJournal(2);
    for (let index = 0; index < 5; index += 1) journal.record(entry(index));
    journal.clear();
    journal.record(entry(9));
    expect(journal.entries()).toHaveLength(1);
    expect(journal.dropped()).toBe(0);
  });
});

describe("redactHeaders", () => {
  it.each(["Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization", "X-Api-Key"])(
    "redacts %s",
    (name) => {
      expect(redactHeaders(new Headers({ [name]: "secret", accept: "application/json" }))).toEqual(
        expect.arrayContaining([
          [name.toLowerCase(), "<redacted>"],
          ["accept", "application/json"],
        ]),
      );
    },
  );
});

describe("redactBody", () => {
  it.each([
    ['{"userName":"a","password":"S3cret!"}', '{"userName":"a","password":"<redacted>"}'],
    ['{"Password" : "with \\"quote\\""}', '{"Password":"<redacted>"}'],
    [
      '{"Operations":[{"op":"replace","path":"password","value":"x"}]}',
      '{"Operations":[{"op":"replace","path":"password","value":"<redacted>"}]}',
    ],
    ['not json, "password": "p"', 'not json, "password": "<redacted>"'],
    ['{"userName":"a"}', '{"userName":"a"}'],
  ])("turns %s into %s", (body, redacted) => {
    expect(redactBody(body)).toBe(redacted);
  });
});

describe("journalToHar", () => {
  it("writes sizes in UTF-8 bytes and postData only when there is a body", () => {
    const har = journalToHar([
      entry(0),
      {
        ...entry(1, {
          method: "POST",
          body: '{"name":"café"}',
          headers: [["content-type", "application/scim+json"]],
        }),
      },
    ]);
    const [get, post] = har.log.entries;
    expect(get?.request.postData).toBeUndefined();
    expect(get?.request.bodySize).toBe(0);
    expect(post?.request.postData).toEqual({ mimeType: "application/scim+json", text: '{"name":"café"}' });
    expect(post?.request.bodySize).toBe(16);
    expect(get?.request.queryString).toEqual([{ name: "n", value: "0" }]);
  });

  it("fills in the reason phrase and makes time the sum of the timings", () => {
    const [only] = journalToHar([entry(0)]).log.entries;
    expect(only?.response.statusText).toBe("OK");
    const { send, wait, receive } = only!.timings;
    expect(send + wait + receive).toBe(only?.time);
  });

  it("says in a comment how many exchanges were dropped", () => {
    expect(journalToHar([], { dropped: 3 }).log.comment).toMatch(/^3 /);
    expect(journalToHar([]).log).not.toHaveProperty("comment");
  });
});
