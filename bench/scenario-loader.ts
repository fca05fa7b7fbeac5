/**
 * How the scenario loader's cost grows with the number of problems and the size of a file: a file
 * with N unknown top-level keys, N steps of an unknown kind, N users with a misspelt property, and
 * a large valid file read with a raised size limit. Linear growth is the target (docs/benchmarks.md).
 * Run: npx tsx bench/scenario-loader.ts [N]   (default 20,000)
 */
import { parseScenario } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";

const N = Number(process.argv[2] ?? 20_000);
const HEAD =
  "name: bench\nentra:\n  users:\n    - userPrincipalName: alice@contoso.com\nimmuta:\n  iams: [{id: entra}]\n";

const CASES = {
  "unknown top-level keys": (n: number) => `${HEAD}${lines(n, (i) => `unknown${i}: x`)}`,
  "steps of an unknown kind": (n: number) => `${HEAD}steps:\n${lines(n, (i) => `  - jump${i}: high`)}`,
  "users with a misspelt property": (n: number) =>
    `name: bench\nentra:\n  users:\n${lines(n, (i) => `    - {userPrincipalName: u${i}@contoso.com, cty: x}`)}\nimmuta:\n  iams: [{id: entra}]\n`,
  "valid users": (n: number) =>
    `name: bench\nentra:\n  users:\n${lines(n, (i) => `    - {userPrincipalName: u${i}@contoso.com, city: Seattle}`)}\nimmuta:\n  iams: [{id: entra}]\n`,
} as const;

function lines(n: number, line: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => line(i)).join("\n");
}

/** Wall time and CPU time: on a shared machine the CPU time shows the loader's own work. */
function measure(text: string): { ms: number; cpu: number; problems: number } {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let problems = 0;
  try {
    parseScenario(text, "bench.yaml");
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems = error.problems.length;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000, problems };
}

console.log(`scenario loader, N = ${N} (and N/10 to show the growth)`);
for (const [name, build] of Object.entries(CASES)) {
  const small = measure(build(N / 10));
  const large = measure(build(N));
  const bytes = Buffer.byteLength(build(N));
  console.log(
    `${name.padEnd(32)} ${String(N / 10).padStart(6)}: ${small.cpu.toFixed(0).padStart(6)} ms CPU  ` +
      `${String(N).padStart(7)}: ${large.cpu.toFixed(0).padStart(6)} ms CPU, ${large.ms.toFixed(0)} ms wall ` +
      `(${(bytes / 1e6).toFixed(1)} MB, ${large.problems} problems)  CPU ratio ${(large.cpu / small.cpu).toFixed(1)}`,
  );
}
console.log(`heap used at the end: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
