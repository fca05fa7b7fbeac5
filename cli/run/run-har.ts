import type { HarLog } from "../../emulator/immuta/index.ts";
import type { World } from "../../scenarios/index.ts";

/** The SCIM journal of a scenario's fake Immuta, read from its control API as HAR 1.2. */
export async function readJournalHar(world: World): Promise<HarLog> {
  const response = await world.immutaFetch(
    new Request(`${world.immutaOrigin}/_synclab/immuta/journal.har`, {
      headers: { authorization: world.apiKey },
    }),
  );
  if (response.status !== 200) throw new Error(`journal export answered HTTP ${response.status}`);
  return (await response.json()) as HarLog;
}

/** One HAR log of several scenarios' journals, their entries in run order. */
export function mergeHar(logs: readonly HarLog[]): HarLog {
  const comments = logs.flatMap((har) => (har.log.comment ? [har.log.comment] : []));
  return {
    log: {
      version: "1.2",
      creator: logs[0]?.log.creator ?? { name: "synclab", version: "0.1.0" },
      pages: [],
      ...(comments.length > 0 ? { comment: comments.join("; ") } : {}),
      entries: logs.flatMap((har) => har.log.entries),
    },
  };
}
