import { parseArgs } from "./parse-options.ts";
import { DEFAULT_UI_PORT, startDashboard } from "../dashboard/start-dashboard.ts";
import { createEntraApp, renderGraphEdgeError } from "../emulator/entra/index.ts";
import { listenHosts, type EdgePolicy } from "../emulator/http/index.ts";
import { createImmutaApp, renderImmutaEdgeError, type JournalSize } from "../emulator/immuta/index.ts";
import { seededRandom, uuidFrom, type Runtime } from "../emulator/runtime/index.ts";
import { listen, type Listening } from "../emulator/serve.ts";
import { loadTlsMaterial } from "../emulator/tls-certificate.ts";
import { loadScenarioFile } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";
import type { Scenario } from "../scenarios/index.ts";
import { buildWorld, type World } from "../scenarios/index.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { packageFile } from "./package-file.ts";

export const DEFAULT_SCENARIO = "scenarios/default.yaml";

export const SERVE_HELP = `Usage: synclab serve [--scenario FILE] [--entra-port N] [--immuta-port N] [--ui-port N]
                    [--host H] [--entra-https-port N|off] [--cert FILE --key FILE]
                    [--allow-host H]... [--cors-origin O]... [--journal-entries N] [--journal-bytes N]
                    [--log-records N] [--log-bytes N] [--scim-connect-timeout MS] [--scim-response-timeout MS]

Serves both fakes, loaded with the scenario's configuration (its steps are not run):
  fake Entra (Graph API under /v1.0)                 default http://127.0.0.1:4100
  fake Entra over TLS (for the Graph SDKs)           default https://127.0.0.1:4443
  fake Immuta (SCIM, /bim REST, /_synclab control)   default http://127.0.0.1:4200
  dashboard (both fakes' screens, live traffic)      default http://127.0.0.1:4000
Entra's tenant URL points at the served Immuta unless the scenario names another.

Options:
  --scenario FILE    scenario to load (default ${DEFAULT_SCENARIO})
  --entra-port N     port of the fake Entra (default 4100; 0 picks a free port)
  --immuta-port N    port of the fake Immuta (default 4200; 0 picks a free port)
  --ui-port N        port of the dashboard (default 4000; 0 picks a free port)
  --host H           address to bind (default 127.0.0.1)
  --entra-https-port N  TLS port of the fake Entra (default 4443; 0 picks a free port; off: none)
  --cert FILE, --key FILE  PEM certificate and key to serve; default: a self-signed one kept in
                     .synclab/tls/ (trust it with NODE_EXTRA_CA_CERTS=.synclab/tls/entra-cert.pem)
  --allow-host H     also answer requests whose Host is H (repeatable; others are refused: DNS rebinding)
  --cors-origin O    let pages of origin O (e.g. http://localhost:5173) call the fakes (repeatable)
  --journal-entries N  SCIM exchanges the Immuta journal keeps (default 10000; 0 turns it off)
  --journal-bytes N  bytes the Immuta journal keeps (default 33554432)
  --log-records N    provisioning log records each job keeps (default 10000)
  --log-bytes N      bytes of record JSON each job's provisioning log keeps (default 67108864)
  --scim-connect-timeout MS   how long Entra waits for a SCIM response to start (default 10000)
  --scim-response-timeout MS  how long Entra waits for a whole SCIM response (default 60000)
  -h, --help         show this help`;

/** Both fakes, listening; `entraTls` is the fake Entra over https, when asked for. */
export type Served = {
  world: World;
  entra: Listening;
  immuta: Listening;
  /** The dashboard, when it was asked for (uiPort). */
  dashboard: Listening | null;
  entraTls: (Listening & { certPath: string | null }) | null;
  close: () => Promise<void>;
};

/** What startServers serves: the scenario, ports and host, and the optional extras. */
export type ServeOptions = {
  scenario: string | Scenario;
  entraPort: number;
  immutaPort: number;
  host: string;
  uiPort?: number;
  /** Also serve the fake Entra over TLS on this port, with these PEM files or a generated certificate. */
  tls?: { port: number; cert?: string | undefined; key?: string | undefined };
  /** More host names to answer to (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Origins whose pages may call the fakes (`--cors-origin`). */
  corsOrigins?: readonly string[];
  /** Overrides of the scenario's `immuta.journal`. */
  journal?: Partial<JournalSize>;
  /** Overrides of the scenario's `entra.provisioningLog`. */
  provisioningLog?: { maxRecords?: number; maxBytes?: number };
  /** Overrides of the scenario's `entra.scimTimeouts`. */
  scimTimeouts?: { connectMs?: number; responseMs?: number };
};

/**
 * Starts both fakes on real ports, loaded with a scenario file or an already loaded scenario.
 * Ids come from the scenario's seed, so they are the same every start.
 */
export async function startServers(options: ServeOptions): Promise<Served> {
  const scenario = withOverrides(
    typeof options.scenario === "string" ? await loadScenarioFile(options.scenario) : options.scenario,
    options,
  );
  const edge = edgePolicy(options);
  const random = seededRandom(scenario.seed);
  const runtime: Runtime = { clock: () => new Date(), random, newId: () => uuidFrom(random) };
  const world = buildWorld(scenario, {
    runtime,
    immutaOrigin: `http://${options.host}:${options.immutaPort}`,
  });
  // The served app shares the world's state; only the served one applies the browser-safety policy.
  const state = world.immuta.state;
  const immuta = await listen(createImmutaApp({ state, edge }).app, {
    port: options.immutaPort,
    host: options.host,
    renderError: (error, path) => renderImmutaEdgeError(state, error, path),
  });
  // With --immuta-port 0 the port is known only now: point the tenant URL at it.
  if (scenario.entra.app.tenantUrl === undefined) {
    const iam = world.immuta.state.iams()[0];
    world.app.job.config.tenantUrl = `${immuta.url}${iam?.config.scimPath ?? ""}`;
    world.immutaOrigin = immuta.url;
  }
  let entra: Listening;
  let entraTls: Served["entraTls"] = null;
  const entraApp = createEntraApp(world.tenant, { edge });
  const entraListen = { host: options.host, renderError: renderGraphEdgeError };
  try {
    entra = await listen(entraApp, { ...entraListen, port: options.entraPort });
  } catch (error) {
    await immuta.close();
    throw error;
  }
  if (options.tls) {
    try {
      const material = await loadTlsMaterial({
        cert: options.tls.cert,
        key: options.tls.key,
        hosts: [options.host],
      });
      const listening = await listen(entraApp, { ...entraListen, port: options.tls.port, tls: material });
      entraTls = { ...listening, certPath: material.certPath };
    } catch (error) {
      await Promise.all([entra.close(), immuta.close()]);
      throw error;
    }
  }
  let dashboard: Listening | null = null;
  if (options.uiPort !== undefined) {
    const fakes = { entraUrl: entra.url, immutaUrl: immuta.url, apiKey: world.apiKey };
    dashboard = await startDashboard({ ...fakes, port: options.uiPort, host: options.host }).catch(
      async (error: unknown) => {
        await Promise.all([entra.close(), immuta.close(), entraTls?.close()]);
        throw error;
      },
    );
  }
  return {
    world,
    entra,
    immuta,
    dashboard,
    entraTls,
    close: async () => {
      await Promise.all([entra.close(), immuta.close(), entraTls?.close(), dashboard?.close()]);
    },
  };
}

export async function serveCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: "string" },
      "entra-port": { type: "string", default: "4100" },
      "immuta-port": { type: "string", default: "4200" },
      "ui-port": { type: "string", default: String(DEFAULT_UI_PORT) },
      host: { type: "string", default: "127.0.0.1" },
      "entra-https-port": { type: "string", default: "4443" },
      cert: { type: "string" },
      key: { type: "string" },
      "allow-host": { type: "string", multiple: true, default: [] },
      "cors-origin": { type: "string", multiple: true, default: [] },
      "journal-entries": { type: "string" },
      "journal-bytes": { type: "string" },
      "log-records": { type: "string" },
      "log-bytes": { type: "string" },
      "scim-connect-timeout": { type: "string" },
      "scim-response-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return EXIT.ok;
  }
  const entraPort = port(values["entra-port"], "--entra-port");
  const immutaPort = port(values["immuta-port"], "--immuta-port");
  const uiPort = port(values["ui-port"], "--ui-port");
  const httpsPort =
    values["entra-https-port"] === "off" ? null : port(values["entra-https-port"], "--entra-https-port");
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError("--cert and --key go together");
  let served: Served;
  try {
    // The default scenario ships with the package, so `npx synclab serve` works from any directory.
    const scenario = values.scenario ?? packageFile(DEFAULT_SCENARIO);
    served = await startServers({
      scenario,
      entraPort,
      immutaPort,
      uiPort,
      host: values.host,
      ...(httpsPort === null ? {} : { tls: { port: httpsPort, cert: values.cert, key: values.key } }),
      allowHosts: values["allow-host"],
      corsOrigins: values["cors-origin"].map((origin) => corsOrigin(origin)),
      ...boundsFrom(values),
    });
  } catch (error) {
    if (error instanceof ScenarioError) {
      io.err(error.message);
      return EXIT.badInput;
    }
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code === "ENOENT" || code.startsWith("ERR_OSSL")) {
      io.err(`synclab: cannot use the TLS certificate or key: ${(error as Error).message}`);
      return EXIT.badInput;
    }
    if (code === "EADDRINUSE") {
      io.err(
        `synclab: a port is already in use (${(error as Error).message}); pick others with --entra-port / --immuta-port / --ui-port / --entra-https-port`,
      );
      return EXIT.badInput;
    }
    throw error;
  }
  io.out(banner(served));
  await new Promise<void>((resolve) => {
    const stop = () => {
      void served.close().then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return EXIT.ok;
}

/** Hosts the servers answer to and origins whose pages may call them (the dashboard's own among them). */
function edgePolicy(options: {
  host: string;
  allowHosts?: readonly string[];
  corsOrigins?: readonly string[];
  uiPort?: number;
}): EdgePolicy {
  const dashboard =
    options.uiPort === undefined || options.uiPort === 0
      ? []
      : [`http://127.0.0.1:${options.uiPort}`, `http://localhost:${options.uiPort}`];
  return {
    allowedHosts: listenHosts(options.host, options.allowHosts ?? []),
    corsOrigins: [...(options.corsOrigins ?? []), ...dashboard],
  };
}

function corsOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--cors-origin must be an origin such as http://localhost:5173, got '${text}'`);
  }
  if (!/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, "")) {
    throw new UsageError(`--cors-origin must be an origin such as http://localhost:5173, got '${text}'`);
  }
  return url.origin;
}

/** The journal, provisioning-log and SCIM-timeout flags as ServeOptions; only the flags given. */
function boundsFrom(
  values: Partial<Record<"journal-entries" | "journal-bytes" | "log-records" | "log-bytes", string>> &
    Partial<Record<"scim-connect-timeout" | "scim-response-timeout", string>>,
): Pick<ServeOptions, "journal" | "provisioningLog" | "scimTimeouts"> {
  return {
    journal: {
      ...count(values["journal-entries"], "--journal-entries", "entries"),
      ...count(values["journal-bytes"], "--journal-bytes", "bytes"),
    },
    provisioningLog: {
      ...count(values["log-records"], "--log-records", "maxRecords", 1),
      ...count(values["log-bytes"], "--log-bytes", "maxBytes", 1),
    },
    scimTimeouts: {
      ...count(values["scim-connect-timeout"], "--scim-connect-timeout", "connectMs", 1),
      ...count(values["scim-response-timeout"], "--scim-response-timeout", "responseMs", 1),
    },
  };
}

function count<F extends string>(
  text: string | undefined,
  flag: string,
  field: F,
  min = 0,
): { [K in F]?: number } {
  if (text === undefined) return {};
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(
      `${flag} must be a whole number${min > 0 ? ` of at least ${min}` : ""}, got '${text}'`,
    );
  return { [field]: value } as { [K in F]?: number };
}

function port(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new UsageError(`${flag} must be a port number, got '${text}'`);
  return value;
}

/** What a developer needs to start: URLs, SCIM URL and token, API key, ids for Graph calls. */
export function banner(served: Served): string {
  const { world, entra, immuta } = served;
  const { job } = world.app;
  const lines = [
    "synclab is running.",
    "",
    ...(served.dashboard ? [`  Dashboard            ${served.dashboard.url}`] : []),
    `  Fake Entra (Graph)   ${entra.url}/v1.0`,
    ...(served.entraTls
      ? [
          `  Fake Entra (TLS)     ${served.entraTls.url}/v1.0`,
          ...(served.entraTls.certPath
            ? [`    trust it: NODE_EXTRA_CA_CERTS=${served.entraTls.certPath}`]
            : []),
        ]
      : []),
    `  Fake Immuta          ${immuta.url}`,
    "",
    `  Immuta API key       ${world.apiKey}    (Authorization: ${world.apiKey})`,
  ];
  for (const { config } of world.immuta.state.iams()) {
    lines.push(
      `  IAM '${config.id}' SCIM URL  ${immuta.url}${config.scimPath}`,
      `  IAM '${config.id}' SCIM token ${config.scimToken}`,
    );
  }
  lines.push(
    "",
    `  Enterprise app       ${job.displayName}: servicePrincipal ${job.servicePrincipalId}, job ${job.jobId}`,
    `  Tenant URL           ${job.config.tenantUrl}`,
    "",
    "  Provision alice on demand:",
    `    curl -s -X POST ${entra.url}/v1.0/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/provisionOnDemand \\`,
    `      -H 'content-type: application/json' -d '{"parameters":[{"subjects":[{"objectId":"alice@contoso.com","objectTypeName":"User"}]}]}'`,
    "",
    "Press Ctrl+C to stop.",
  );
  return lines.join("\n");
}

/**
 * The scenario with the command line's bounds over its own (`--journal-*`, `--log-*`, `--scim-*`):
 * a copy, so that a scenario object the caller passed in is left as it was.
 */
function withOverrides(
  scenario: Scenario,
  options: Pick<ServeOptions, "journal" | "provisioningLog" | "scimTimeouts">,
): Scenario {
  const { journal, provisioningLog, scimTimeouts } = options;
  return {
    ...scenario,
    immuta: journal
      ? { ...scenario.immuta, journal: { ...scenario.immuta.journal, ...journal } }
      : scenario.immuta,
    entra: {
      ...scenario.entra,
      ...(provisioningLog
        ? { provisioningLog: { ...scenario.entra.provisioningLog, ...provisioningLog } }
        : {}),
      ...(scimTimeouts ? { scimTimeouts: { ...scenario.entra.scimTimeouts, ...scimTimeouts } } : {}),
    },
  };
}
