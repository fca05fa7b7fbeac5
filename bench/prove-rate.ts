import { loadScenarioFile } from "../scenarios/index.ts";
import { CaseSession, proveTarget, type ModelStep, type ModelUser } from "../scenarios/prove/index.ts";
import { isMain, printRows, type BenchRow } from "./support/bench-row.ts";

const USER: ModelUser = {
  userPrincipalName: "bench@contoso.com",
  source: { postalCode: "98052", mailNickname: "bench", displayName: "Bench User" },
  accountEnabled: true,
  softDeleted: false,
  assigned: true,
  purged: false,
};

const SEQUENCE: ModelStep[] = [
  { kind: "provision" },
  { kind: "set", source: "postalCode", value: "10001" },
  { kind: "cycle", run: "incremental" },
  { kind: "setAccountEnabled", enabled: false },
  { kind: "cycle", run: "incremental" },
  { kind: "setAccountEnabled", enabled: true },
  { kind: "provision" },
  { kind: "cycle", run: "initial" },
];

/**
 * Runs `body` repeatedly for `seconds` after a warm-up; answers how many units per second. The
 * warm-up lasts two seconds and at least 2,000 runs: the engine and both fakes run cold (and much
 * slower) until the JIT has compiled their paths, which a busy machine stretches.
 */
async function rate(seconds: number, body: () => Promise<number>): Promise<number> {
  const warmUntil = performance.now() + 2000;
  for (let runs = 0; runs < 2000 || performance.now() < warmUntil; runs++) await body();
  let units = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) units += await body();
  return units / ((performance.now() - started) / 1000);
}

/**
 * The prove rates on the seed example, in-process, one world reset per case: one-user one-step
 * cases (provision on demand, judged against the model) and steps of sequences.
 */
export async function proveRateBench(options: { seconds?: number } = {}): Promise<BenchRow[]> {
  const seconds = options.seconds ?? 3;
  const target = proveTarget(await loadScenarioFile("scenarios/default.yaml"), { seed: 1 });
  const oneStep = await rate(seconds, async () => {
    const session = new CaseSession(target.prove, target.setup, USER);
    if (await session.step({ kind: "provision" }))
      throw new Error("the seed example disagrees with the model");
    return 1;
  });
  const steps = await rate(seconds, async () => {
    const session = new CaseSession(target.prove, target.setup, USER);
    for (const step of SEQUENCE)
      if (await session.step(step)) throw new Error("the seed example disagrees with the model");
    return SEQUENCE.length;
  });
  const row = (figure: string, value: number, floor: number): BenchRow => ({
    figure,
    value,
    unit: "/s",
    reference: "(target)",
    ratio: null,
    target: `≥ ${floor} /s`,
    met: value >= floor,
  });
  return [
    row("prove: one-user one-step cases, in-process", oneStep, 1000),
    row("prove: steps of generated sequences, in-process", steps, 100),
  ];
}

if (isMain(import.meta.url)) printRows(await proveRateBench());
