/**
 * Soak: both fakes served as `npm start` serves them (the compiled bin, in a child process), loaded with mixed traffic
 * for a while; prints the server's RSS, throughput and log-query latency every window. Not a timed
 * test: the bar (docs/benchmarks.md, "Soak") is RSS within its bound at the end and the last
 * window's throughput within 20% of the first's.
 *
 *   npx tsx bench/soak.ts [--seconds 120] [--window 10] [--connections 8] [--rss-bound-mb 512]
 *                         [--profile-dir DIR]   (the served child writes a V8 CPU profile there)
 *
 * Traffic, in a fixed rotation: Graph PATCH of alice's postalCode (now and then 100 KB long), provision
 * on demand (a SCIM PATCH, a journal entry and a log record each), GET of the provisioning log,
 * Graph GET /users, SCIM GET by filter, /bim/user, a SCIM POST of a new user, a cycle start, and a
 * SCIM DELETE of the oldest user the soak created once it keeps more than KEPT_USERS of them.
 * The stored data therefore stays about the same size while users come and go, so growth over the
 * run is the fakes' own bookkeeping (rings, indexes, caches), which is what the soak is for.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isMain } from "./support/bench-row.ts";

type Served = {
  child: ChildProcess;
  graph: string;
  immuta: string;
  scimUrl: string;
  scimToken: string;
  apiKey: string;
  jobPath: string;
  /** Where the child's memory probe writes its `process.memoryUsage()`. */
  probeFile: string;
};

/**
 * One window. `cpuMsPerRequest` is the server's CPU time (user + system) over the requests it
 * answered: other processes move it far less than req/s, but they do move it (contention for the
 * two cores raised it from about 1.8 ms to 2-5 ms in runs beside other work), so the bars are
 * judged on a quiet machine.
 */
type Window = {
  second: number;
  rssMb: number;
  /** The live JS heap: in use right after a full collection (bench/support/memory-probe.js). */
  heapMb: number;
  rps: number;
  cpuMsPerRequest: number;
  logP50Ms: number;
  errors: number;
};

export type SoakOptions = {
  seconds: number;
  window: number;
  connections: number;
  rssBoundMb: number;
  profileDir?: string | undefined;
};

const EXTENSION = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/** Users the soak's own POSTs keep in Immuta before it deletes the oldest: a CI job's tenant size. */
const KEPT_USERS = 500;

/** Starts `synclab serve` on free ports and reads the URLs, token and ids from its banner. */
async function startServed(profileDir?: string): Promise<Served> {
  const profile = profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir];
  const probe = ["--expose-gc", "--import", "./bench/support/memory-probe.js"];
  const probeFile = join(mkdtempSync(join(tmpdir(), "synclab-soak-")), "memory.json");
  const child = spawn(
    process.execPath,
    [
      ...profile,
      "--import",
      "tsx",
      ...probe,
      "cli/main.ts",
      "serve",
      "--entra-port",
      "0",
      "--immuta-port",
      "0",
    ].concat(["--ui-port", "0", "--entra-https-port", "off"]),
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, SYNCLAB_MEMORY_PROBE: probeFile } },
  );
  let banner = "";
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`serve exited ${String(code)}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      banner += chunk.toString("utf8");
      if (banner.includes("Press Ctrl+C")) resolve();
    });
  });
  const grab = (pattern: RegExp) => {
    const found = pattern.exec(banner)?.[1];
    if (found === undefined) throw new Error(`banner lacks ${String(pattern)}:\n${banner}`);
    return found;
  };
  const sp = grab(/servicePrincipal (\S+),/);
  const job = grab(/job (\S+)\n/);
  return {
    child,
    graph: grab(/Fake Entra \(Graph\)\s+(\S+)/),
    immuta: grab(/Fake Immuta\s+(\S+)/),
    scimUrl: grab(/SCIM URL\s+(\S+)/),
    scimToken: grab(/SCIM token (\S+)/),
    apiKey: grab(/Immuta API key\s+(\S+)/),
    jobPath: `/servicePrincipals/${sp}/synchronization/jobs/${job}`,
    probeFile,
  };
}

/** The server's resident set, from /proc (Linux); 0 where /proc is missing. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The server's live JS heap in MB (after a full collection), as its memory probe last wrote it; 0 before. */
function heapMb(probeFile: string): number {
  try {
    const usage = JSON.parse(readFileSync(probeFile, "utf8")) as { heapUsed?: number };
    return (usage.heapUsed ?? 0) / 1024 / 1024;
  } catch {
    return 0;
  }
}

/** The server's CPU time so far in ms, from /proc (Linux; clock ticks of 10 ms); 0 where it is missing. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields =
      readFileSync(`/proc/${String(pid)}/stat`, "utf8")
        .split(") ")[1]
        ?.split(" ") ?? [];
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  } catch {
    return 0;
  }
}

/** The request of turn `n` in the rotation; `log` marks the provisioning-log query. */
function requestFor(
  served: Served,
  n: number,
  created: string[],
): { url: string; init: RequestInit; log?: boolean; creates?: boolean } {
  const json = (method: string, body: unknown, auth?: string) => ({
    method,
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  const scimAuth = `Bearer ${served.scimToken}`;
  const postalCode = n % 97 === 0 ? "9".repeat(100_000) : String(10_000 + (n % 90_000));
  switch (n % 10) {
    case 0:
      return { url: `${served.graph}/users/alice@contoso.com`, init: json("PATCH", { postalCode }) };
    case 1:
    case 2: {
      const subjects = [{ objectId: "alice@contoso.com", objectTypeName: "User" }];
      const body = { parameters: [{ subjects }] };
      return { url: `${served.graph}${served.jobPath}/provisionOnDemand`, init: json("POST", body) };
    }
    case 3:
      return { url: `${served.graph}/auditLogs/provisioning?$top=20`, init: {}, log: true };
    case 4:
      return { url: `${served.graph}/users?$top=10`, init: {} };
    case 5: {
      const filter = new URLSearchParams({ filter: 'userName eq "alice@contoso.com"' });
      return { url: `${served.scimUrl}/Users?${filter}`, init: { headers: { authorization: scimAuth } } };
    }
    case 6:
      return { url: `${served.immuta}/bim/user?size=5`, init: { headers: { authorization: served.apiKey } } };
    case 7: {
      const user = `soak${n}@contoso.example`;
      const body = {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: user,
        externalId: user,
      };
      return {
        url: `${served.scimUrl}/Users`,
        init: json("POST", { ...body, [EXTENSION]: { zipcode: postalCode.slice(0, 20_000) } }, scimAuth),
        creates: true,
      };
    }
    case 8: {
      const oldest = created.length > KEPT_USERS ? created.shift() : undefined;
      if (oldest === undefined) return { url: `${served.graph}/users?$top=10`, init: {} };
      return {
        url: `${served.scimUrl}/Users/${oldest}`,
        init: { method: "DELETE", headers: { authorization: scimAuth } },
      };
    }
    default:
      return { url: `${served.graph}${served.jobPath}/start`, init: json("POST", {}) };
  }
}

/** Runs the rotation from `connections` loops until `until`; counts into the live window. */
async function drive(served: Served, options: SoakOptions & { until: number }, live: Live): Promise<void> {
  let turn = 0;
  const created: string[] = [];
  const worker = async () => {
    while (performance.now() < options.until) {
      const n = turn++;
      const { url, init, log, creates } = requestFor(served, n, created);
      const started = performance.now();
      try {
        const response = await fetch(url, init);
        const text = await response.text();
        if (creates && response.status === 201) created.push((JSON.parse(text) as { id: string }).id);
        if (response.status >= 500) live.errors += 1;
        live.statuses.set(response.status, (live.statuses.get(response.status) ?? 0) + 1);
      } catch {
        live.errors += 1;
      }
      live.done += 1;
      if (log) live.logMs.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
}

type Live = { done: number; errors: number; logMs: number[]; statuses: Map<number, number> };

/** Runs the soak and answers one row per window. */
export async function runSoak(
  options: SoakOptions,
): Promise<{ windows: Window[]; statuses: Map<number, number> }> {
  const served = await startServed(options.profileDir);
  const live: Live = { done: 0, errors: 0, logMs: [], statuses: new Map() };
  const windows: Window[] = [];
  const started = performance.now();
  const until = started + options.seconds * 1000;
  let cpuBefore = cpuMs(served.child.pid);
  const sampler = setInterval(() => {
    const cpuNow = cpuMs(served.child.pid);
    const cpuMsPerRequest = Math.round(((cpuNow - cpuBefore) / Math.max(1, live.done)) * 100) / 100;
    cpuBefore = cpuNow;
    const sorted = live.logMs.sort((a, b) => a - b);
    const window: Window = {
      second: Math.round((performance.now() - started) / 1000),
      rssMb: Math.round(rssMb(served.child.pid)),
      heapMb: Math.round(heapMb(served.probeFile)),
      rps: Math.round(live.done / options.window),
      cpuMsPerRequest,
      logP50Ms: Math.round((sorted[sorted.length >> 1] ?? 0) * 10) / 10,
      errors: live.errors,
    };
    windows.push(window);
    console.log(
      `t=${window.second}s rss=${window.rssMb} MB live heap=${window.heapMb} MB throughput=${window.rps} req/s cpu=${window.cpuMsPerRequest} ms/req log p50=${window.logP50Ms} ms 5xx/errors=${window.errors}`,
    );
    Object.assign(live, { done: 0, errors: 0, logMs: [] });
  }, options.window * 1000);
  try {
    await drive(served, { ...options, until }, live);
  } finally {
    clearInterval(sampler);
    const exited = new Promise((resolve) => served.child.once("exit", resolve));
    served.child.kill("SIGTERM");
    await exited;
  }
  return { windows, statuses: live.statuses };
}

/** The first window warms the JIT and the connection pool; the one after it is the start. */
function summary(
  { windows, statuses }: { windows: readonly Window[]; statuses: Map<number, number> },
  options: SoakOptions,
): string {
  const first = windows.length > 2 ? windows[1] : windows[0];
  const last = windows.at(-1);
  if (!first || !last) return "soak: no complete window";
  const ratio = last.rps / Math.max(1, first.rps);
  const errors = windows.reduce((sum, window) => sum + window.errors, 0);
  return [
    `soak over ${options.seconds} s, ${options.connections} connections:`,
    `  live heap ${first.heapMb} MB -> ${last.heapMb} MB`,
    `  RSS ${first.rssMb} MB -> ${last.rssMb} MB (bound ${options.rssBoundMb} MB: ${last.rssMb <= options.rssBoundMb ? "met" : "NOT met"})`,
    `  throughput ${first.rps} -> ${last.rps} req/s (last/first ${ratio.toFixed(2)}, bar >= 0.8: ${ratio >= 0.8 ? "met" : "NOT met"})`,
    `  server CPU per request ${first.cpuMsPerRequest} -> ${last.cpuMsPerRequest} ms (other work on the machine raises it less than req/s)`,
    `  provisioning log GET p50 ${first.logP50Ms} -> ${last.logP50Ms} ms; 5xx or failed requests: ${errors}`,
    `  statuses: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}x${count}`)
      .join(" ")}`,
  ].join("\n");
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "120" },
      window: { type: "string", default: "10" },
      connections: { type: "string", default: "8" },
      "rss-bound-mb": { type: "string", default: "512" },
      "profile-dir": { type: "string" },
    },
  });
  const options: SoakOptions = {
    seconds: Number(values.seconds),
    window: Number(values.window),
    connections: Number(values.connections),
    rssBoundMb: Number(values["rss-bound-mb"]),
    profileDir: values["profile-dir"],
  };
  console.log(summary(await runSoak(options), options));
}
