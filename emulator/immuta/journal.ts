/** One SCIM exchange as the fake Immuta saw it. Secrets are redacted before they are stored. */
export type JournalEntry = {
  startedDateTime: string;
  /** Milliseconds from request to response. */
  time: number;
  request: { method: string; url: string; headers: [string, string][]; body: string };
  response: { status: number; statusText: string; headers: [string, string][]; body: string };
};

/** The ordered record of SCIM exchanges, bounded so a long run cannot grow it without limit. */
export type Journal = {
  readonly limit: number;
  record(entry: JournalEntry): void;
  entries(): readonly JournalEntry[];
  clear(): void;
};

const SECRET_HEADERS = new Set(["authorization", "cookie", "set-cookie", "proxy-authorization"]);

/** Header pairs with credentials replaced by `<redacted>`. */
export function redactHeaders(headers: Headers): [string, string][] {
  return [...headers].map(([name, value]) => [name, SECRET_HEADERS.has(name) ? "<redacted>" : value]);
}

export function createJournal(limit: number): Journal {
  let entries: JournalEntry[] = [];
  return {
    limit,
    record(entry) {
      if (limit <= 0) return;
      entries.push(entry);
      if (entries.length > limit) entries = entries.slice(entries.length - limit);
    },
    entries: () => entries,
    clear() {
      entries = [];
    },
  };
}

/** The journal as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/). */
export function journalToHar(entries: readonly JournalEntry[], creator = "synclab"): object {
  return {
    log: {
      version: "1.2",
      creator: { name: creator, version: "0.1.0" },
      entries: entries.map((entry) => {
        const url = new URL(entry.request.url);
        const requestType = header(entry.request.headers, "content-type") ?? "application/scim+json";
        const responseType = header(entry.response.headers, "content-type") ?? "";
        return {
          startedDateTime: entry.startedDateTime,
          time: entry.time,
          request: {
            method: entry.request.method,
            url: entry.request.url,
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: entry.request.headers.map(([name, value]) => ({ name, value })),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(entry.request.body ? { postData: { mimeType: requestType, text: entry.request.body } } : {}),
            headersSize: -1,
            bodySize: entry.request.body.length,
          },
          response: {
            status: entry.response.status,
            statusText: entry.response.statusText,
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: entry.response.headers.map(([name, value]) => ({ name, value })),
            content: { size: entry.response.body.length, mimeType: responseType, text: entry.response.body },
            redirectURL: "",
            headersSize: -1,
            bodySize: entry.response.body.length,
          },
          cache: {},
          timings: { send: 0, wait: entry.time, receive: 0 },
        };
      }),
    },
  };
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
}
