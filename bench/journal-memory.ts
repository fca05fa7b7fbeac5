/**
 * The SCIM journal's memory under a loop of 1 MB PATCHes, in-process: heap after each batch with
 * the journal bounded by entries only (the old behaviour: 10,000 entries, bodies kept whole) and with
 * the default bounds (entries and bytes, bodies cut at 64 KiB).
 * Run: npx tsx --expose-gc bench/journal-memory.ts [requests] [bounded]  (`bounded`: the default bounds only)
 */
import { createImmutaApp, type JournalSize } from "../emulator/immuta/index.ts";

const REQUESTS = Number(process.argv[2] ?? 120);
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function run(name: string, journal: Partial<JournalSize>): Promise<void> {
  const { fetch } = createImmutaApp({ iams: [{ id: "entra", scimToken: "t" }], journal });
  const call = (method: string, path: string, body: unknown) =>
    fetch(
      new Request(`http://immuta.test/bim/scim/entra${path}`, {
        method,
        headers: { authorization: "Bearer t", "content-type": "application/scim+json" },
        body: JSON.stringify(body),
      }),
    );
  const { id } = (await (await call("POST", "/Users", { schemas: [USER], userName: "a" })).json()) as {
    id: string;
  };
  gc();
  const start = process.memoryUsage().heapUsed;
  const lines: string[] = [];
  for (let index = 1; index <= REQUESTS; index += 1) {
    // A new value each time (the last characters change), as a long run's PATCHes would be.
    const value = `${"x".repeat(1_000_000)}${index}`;
    const operations = [{ op: "replace", path: "title", value }];
    const response = await call("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: operations });
    if (response.status !== 200) throw new Error(`PATCH answered ${response.status}`);
    if (index % Math.max(1, Math.floor(REQUESTS / 4)) === 0) {
      gc();
      lines.push(`${index}: +${((process.memoryUsage().heapUsed - start) / 1_048_576).toFixed(1)} MB`);
    }
  }
  console.log(`${name.padEnd(40)} heap growth after ${lines.join(", ")}`);
}

if (process.argv[3] !== "bounded")
  await run("entries only (10,000, bodies whole)", {
    entries: 10_000,
    bytes: Number.MAX_SAFE_INTEGER,
    bodyBytes: 2_000_000,
  });
await run("default bounds (entries and bytes)", {});
