/**
 * The 10,000-user tenant replayed as a scenario file (users inline, one `cycle: initial` step) with
 * the run command, against a one-user scenario: at most 1 s more, loading and validation included.
 *
 *   npx tsx bench/scenario-replay.ts [--users 10000] [--rounds 2]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { isMain, printRows, since, type BenchRow } from "./support/bench-row.ts";
import { benchUser, EXTENSION } from "./support/cycle-world.ts";

const CLI = join(import.meta.dirname, "..", "cli", "main.ts");

/** A scenario with `users` users inline, the 10 mapped attributes, one initial cycle and one expectation. */
export function replayScenario(users: number): string {
  const attributes = ["zipcode", "city", "department", "costCenter", "division"];
  const sources = ["postalCode", "city", "department", "extensionAttribute1", "extensionAttribute2"];
  return stringify({
    name: `Replay of ${users} users`,
    seed: 1,
    entra: {
      app: {
        displayName: "Immuta",
        users: {
          attributes: attributes.map((name) => ({ name: `${EXTENSION}:${name}`, type: "String" })),
          mappings: attributes.map((name, index) => ({
            target: `${EXTENSION}:${name}`,
            source: sources[index],
          })),
        },
      },
      users: Array.from({ length: users }, (_, index) => benchUser(index)),
    },
    immuta: {
      iams: [
        {
          id: "entra",
          type: "saml",
          syncAttributes: true,
          attributeSchema: [{ scimSchema: EXTENSION, prefix: "entra" }],
        },
      ],
    },
    steps: [
      { cycle: "initial" },
      {
        expect: {
          user: `user${users - 1}@contoso.com`,
          attributes: { "entra.zipcode": [String(10000 + users - 1)] },
        },
      },
    ],
  });
}

function timeRun(file: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", CLI, "run", file], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return since(started);
}

/** Times `synclab run` on a one-user and a `users`-user scenario; the best of `rounds` each. */
export function benchScenarioReplay(options: { users?: number; rounds?: number } = {}): BenchRow[] {
  const users = options.users ?? 10_000;
  const rounds = options.rounds ?? 2;
  const dir = mkdtempSync(join(tmpdir(), "synclab-replay-"));
  try {
    const small = join(dir, "one-user.yaml");
    const large = join(dir, `${users}-users.yaml`);
    writeFileSync(small, replayScenario(1));
    writeFileSync(large, replayScenario(users));
    const best = (file: string) => Math.min(...Array.from({ length: rounds }, () => timeRun(file)));
    const one = best(small);
    const many = best(large);
    const extra = many - one;
    return [
      {
        figure: `synclab run: ${users.toLocaleString("en")}-user scenario minus one-user scenario (${Math.round(many)} ms in all)`,
        value: extra,
        unit: "ms",
        reference: `one-user scenario ${Math.round(one)} ms`,
        ratio: many / one,
        target: "≤ 1000 ms more",
        met: extra <= 1000,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { users: { type: "string" }, rounds: { type: "string" } } });
  printRows(
    benchScenarioReplay({
      ...(values.users ? { users: Number(values.users) } : {}),
      ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
    }),
  );
}
