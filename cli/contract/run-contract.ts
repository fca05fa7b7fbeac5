import { readFile, writeFile } from "node:fs/promises";
import { createGuardedFetch } from "../../contracts/calibration/guarded-fetch.ts";
import { parseProfile, profileOf, ProfileError, renderProfile } from "../../contracts/calibration/profile.ts";
import { runCalibration, type CalibrationReport } from "../../contracts/calibration/run-calibration.ts";
import type { SwitchValue } from "../../contracts/probes/probe-types.ts";
import { RUN_PREFIX } from "../../contracts/scim-server/scim-client.ts";
import type { ContractOptions } from "../contract-command.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "../exit-codes.ts";
import { createDryRunFetch } from "./dry-run-fetch.ts";
import { junitReport } from "./junit-report.ts";
import { allHold, behaviourLine, caseLines, caseName, summaryLine, switchLine } from "./render-contract.ts";

async function readExpected(file: string | undefined): Promise<Record<string, SwitchValue>> {
  if (file === undefined) return {};
  try {
    return parseProfile(await readFile(file, "utf8"));
  } catch (error) {
    if (error instanceof ProfileError) throw new UsageError(`--profile ${file}: ${error.message}`);
    throw new UsageError(
      `--profile ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** What the run will do on the target, said before the first request. */
function noticeLines(options: ContractOptions): string[] {
  const api = options.api;
  return [
    `synclab contract: ${options.target}${options.dryRun ? " (dry run: nothing is sent)" : ""}`,
    api
      ? `  /bim API ${api.url}, IAM ${api.iamId}, row ${options.schema} -> prefix ${api.prefix}${api.enterprisePrefix === undefined ? "" : `, enterprise row -> prefix ${api.enterprisePrefix}`}`
      : "  no --api-url: the probes and cases that read /bim cannot tell",
    `  creates users ${RUN_PREFIX}*@contract.example and groups ${RUN_PREFIX}*, and deletes them at the end (also on Ctrl+C);`,
    "  a SCIM DELETE may keep the user in Immuta, disabled (Immuta deactivates deprovisioned users);",
    `  ${api ? `sets Immuta attributes only on those users (keys ${RUN_PREFIX}*, removed again); ` : ""}never changes IAM settings.`,
    `  judged against ${options.profile ? `the profile ${options.profile}` : "the fake's default settings"}.`,
  ];
}

/**
 * Ctrl+C: stop starting probes and cases, clean up, report; a second Ctrl+C stops at once. A
 * terminal signals the whole process group, and a launcher (npx, tsx) relays the same signal again:
 * signals within a second of the first count as one.
 */
function onInterrupt(controller: AbortController, io: Io): () => void {
  let first = 0;
  const handler = () => {
    if (controller.signal.aborted) {
      if (Date.now() - first < 1000) return;
      io.err(`synclab contract: stopped; users and groups named ${RUN_PREFIX}* may be left on the target`);
      process.exit(130);
    }
    first = Date.now();
    controller.abort();
    io.err(
      "synclab contract: interrupted; finishing the current request, then deleting what this run created (Ctrl+C again to stop at once)",
    );
  };
  process.on("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}

/** Runs the calibration and reports it: text (or JSON), the profile and the JUnit file on request. */
export async function runContract(options: ContractOptions, io: Io): Promise<ExitCode> {
  const expected = await readExpected(options.profile);
  const say = options.json ? io.err : io.out;
  for (const line of noticeLines(options)) say(line);
  const pending: string[] = [];
  const guarded = createGuardedFetch({
    scimUrl: options.target,
    ...(options.api ? { api: { url: options.api.url, iamId: options.api.iamId } } : {}),
    fetch: options.dryRun
      ? createDryRunFetch({
          scimUrl: options.target,
          token: options.token,
          extensionSchema: options.schema,
          api: options.api,
          expected,
        })
      : (request) => fetch(request),
    ...(options.dryRun
      ? { onRequest: (request: Request) => pending.push(`    ${request.method} ${decodeURI(request.url)}`) }
      : {}),
  });
  const printer = createPrinter(options, io, pending);
  const controller = new AbortController();
  const stopListening = onInterrupt(controller, io);
  let report: CalibrationReport;
  let undeleted: string[];
  let swept: number;
  try {
    report = await runCalibration({
      target: {
        scimUrl: options.target,
        token: options.token,
        extensionSchema: options.schema,
        fetch: guarded.fetch,
        runPrefix: RUN_PREFIX,
        ...(options.api ? { api: options.api } : {}),
      },
      expected,
      cases: !options.probesOnly,
      // A dry run lists each probe's and case's requests together, so it runs one at a time.
      concurrent: !options.dryRun,
      signal: controller.signal,
      onSwitch: (result) => printer("Assumptions", result.name, [switchLine(result)]),
      onBehaviour: (result) => printer("Behaviours", result.name, [behaviourLine(result)]),
      onCase: (result) => printer("Cases", caseName(result), caseLines(result)),
    });
  } finally {
    swept = guarded.leftovers().length;
    undeleted = await guarded.sweep();
    stopListening();
  }
  return finish({ options, io, report, expected, swept, undeleted, interrupted: controller.signal.aborted });
}

/** Prints results as they come: a heading when the kind changes; in a dry run, the requests instead. */
function createPrinter(options: ContractOptions, io: Io, pending: string[]) {
  let section = "";
  return (heading: string, name: string, lines: string[]) => {
    if (options.json) return;
    if (heading !== section) {
      section = heading;
      io.out(`\n${heading}`);
    }
    if (options.dryRun) {
      io.out(`  ${name}`);
      for (const line of pending.splice(0)) io.out(line);
      return;
    }
    for (const line of lines) io.out(line);
  };
}

async function finish(run: {
  options: ContractOptions;
  io: Io;
  report: CalibrationReport;
  expected: Record<string, SwitchValue>;
  swept: number;
  undeleted: string[];
  interrupted: boolean;
}): Promise<ExitCode> {
  const { options, io, report, undeleted } = run;
  if (options.dryRun) {
    io.out(`\nDry run: nothing was sent; ids and answers above come from an in-process fake.`);
    return EXIT.ok;
  }
  const code = allHold(report) && !run.interrupted && undeleted.length === 0 ? EXIT.ok : EXIT.failed;
  const say = options.json ? io.err : io.out;
  if (run.swept > 0)
    say(`Deleted ${run.swept - undeleted.length} users and groups the probes or cases left behind.`);
  if (undeleted.length > 0) say(`Could not delete: ${undeleted.join(", ")}`);
  if (options.profileOut) {
    await writeFile(
      options.profileOut,
      renderProfile({ target: options.target, at: new Date(), switches: report.switches }),
    );
    say(`Wrote the profile to ${options.profileOut}.`);
  }
  if (options.junit) await writeFile(options.junit, junitReport(report));
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          target: options.target,
          runPrefix: RUN_PREFIX,
          expected: run.expected,
          ...report,
          profile: { assumptions: profileOf(report.switches) },
          undeleted,
          interrupted: run.interrupted,
          exitCode: code,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(`\n${summaryLine(report)}${run.interrupted ? " (interrupted)" : ""}`);
  }
  return code;
}
