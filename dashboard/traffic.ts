/** One SCIM exchange as the traffic timeline shows it. */
export type TrafficEntry = {
  /** Position since the fake Immuta started (or was reset); stable while older entries are dropped. */
  seq: number;
  startedDateTime: string;
  time: number;
  method: string;
  url: string;
  status: number;
  requestHeaders: { name: string; value: string }[];
  requestBody: string;
  responseHeaders: { name: string; value: string }[];
  responseBody: string;
  /** For a PATCH: which of Entra's PATCH dialects the body is written in. */
  dialect: PatchDialect | null;
};

/**
 * Entra's two PATCH dialects (Microsoft Learn, "Known issues and resolutions with SCIM 2.0":
 * without the `aadOptscim062020` flag ops are capitalised, one per path; with it, lowercase and
 * simple attributes merged into one path-less replace), or plain RFC 7644 §3.5.2.
 */
export type PatchDialect = "entra-legacy" | "entra-flag" | "rfc7644";

type HarEntry = {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    headers: { name: string; value: string }[];
    postData?: { text: string };
  };
  response: { status: number; headers: { name: string; value: string }[]; content: { text: string } };
};

type Har = { log: { entries: HarEntry[]; comment?: string } };

/** The HAR journal's entries after `after` (a seq), numbered from the dropped count in its comment. */
export function readTraffic(har: unknown, after: number): { entries: TrafficEntry[]; last: number } {
  const log = (har as Har).log;
  const dropped = Number(/^(\d+) earlier/.exec(log.comment ?? "")?.[1] ?? 0);
  const entries = log.entries
    .map((entry, index): TrafficEntry => {
      const requestBody = entry.request.postData?.text ?? "";
      return {
        seq: dropped + index + 1,
        startedDateTime: entry.startedDateTime,
        time: entry.time,
        method: entry.request.method,
        url: entry.request.url,
        status: entry.response.status,
        requestHeaders: entry.request.headers,
        requestBody,
        responseHeaders: entry.response.headers,
        responseBody: entry.response.content.text,
        dialect: entry.request.method === "PATCH" ? patchDialectOf(requestBody) : null,
      };
    })
    .filter((entry) => entry.seq > after);
  return { entries, last: dropped + log.entries.length };
}

/** Which dialect a SCIM PATCH body is written in. */
export function patchDialectOf(body: string): PatchDialect | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const operations = (parsed as { Operations?: unknown }).Operations;
  if (!Array.isArray(operations)) return null;
  const ops = (operations as unknown[]).filter(
    (op): op is { op: string; path?: unknown } =>
      typeof op === "object" && op !== null && typeof (op as { op?: unknown }).op === "string",
  );
  if (ops.some((op) => /^[A-Z]/.test(op.op))) return "entra-legacy";
  if (ops.some((op) => op.op === "replace" && op.path === undefined)) return "entra-flag";
  return "rfc7644";
}
