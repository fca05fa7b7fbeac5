import { parseArgs } from "node:util";
import { createEntraApp, renderGraphEdgeError } from "../emulator/entra/graph/create-entra-app.ts";
import { listenHosts, type EdgePolicy } from "../emulator/http/index.ts";
import { createImmutaApp, renderImmutaEdgeError, type JournalSize } from "../emulator/immuta/index.ts";
import { seededRandom, uuidFrom, type Runtime } from "../emulator/runtime/runtime.ts";
import { listen, type Listening } from "../emulator/serve.ts";
import { loadScenarioFile } from "../scenarios/loader/load-scenario.ts";
import { ScenarioError } from "../scenarios/loader/scenario-error.ts";
import { buildWorld, type World } from "../scenarios/world/build-world.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";

export const DEFAULT_SCENARIO = "scenarios/default.yaml";

export const SERVE_HELP = `Usage: synclab serve [--scenario FILE] [--entra-port N] [--immuta-port N] [--host H]
                     [--allow-host H]... [--cors-origin O]... [--journal-entries N] [--journal-bytes N]

Serves both fakes, loaded with the scenario's configuration (its steps are not run):
  fake Entra (Graph API under /v1.0)                 default http://127.0.0.1:4100
  fake Immuta (SCIM, /bim REST, /_synclab control)   default http://127.0.0.1:4200
Entra's tenant URL points at the served Immuta unless the scenario names another.

Options:
  --scenario FILE    scenario to load (default ${DEFAULT_SCENARIO})
  --entra-port N     port of the fake Entra (default 4100; 0 picks a free port)
  --immuta-port N    port of the fake Immuta (default 4200; 0 picks a free port)
  --host H           address to bind (default 127.0.0.1)
  --allow-host H     also answer requests whose Host is H (repeatable; others are refused: DNS rebinding)
  --cors-origin O    let pages of origin O (e.g. http://localhost:5173) call the fakes (repeatable)
  --journal-entries N  SCIM exchanges the Immuta journal keeps (default 10000; 0 turns it off)
  --journal-bytes N  bytes the Immuta journal keeps (default 33554432)
  -h, --help         show this help`;

/** Both fakes, listening. */
export type Served = { world: World; entra: Listening; immuta: Listening; close: () => Promise<void> };

/** Starts both fakes on real ports. Ids come from the scenario's seed, so they are the same every start. */
export async function startServers(options: {
  scenario: string;
  entraPort: number;
  immutaPort: number;
  host: string;
  /** More host names to answer to (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Origins whose pages may call the fakes (`--cors-origin`). */
  corsOrigins?: readonly string[];
  /** The dashboard's port: its origins on 127.0.0.1 and localhost may call the fakes. */
  uiPort?: number;
  /** Overrides of the scenario's `immuta.journal`. */
  journal?: Partial<JournalSize>;
}): Promise<Served> {
  const scenario = await loadScenarioFile(options.scenario);
  if (options.journal) scenario.immuta.journal = { ...scenario.immuta.journal, ...options.journal };
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
  try {
    entra = await listen(createEntraApp(world.tenant, { edge }), {
      port: options.entraPort,
      host: options.host,
      renderError: renderGraphEdgeError,
    });
  } catch (error) {
    await immuta.close();
    throw error;
  }
  return {
    world,
    entra,
    immuta,
    close: async () => {
      await Promise.all([entra.close(), immuta.close()]);
    },
  };
}

export async function serveCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: "string", default: DEFAULT_SCENARIO },
      "entra-port": { type: "string", default: "4100" },
      "immuta-port": { type: "string", default: "4200" },
      host: { type: "string", default: "127.0.0.1" },
      "allow-host": { type: "string", multiple: true, default: [] },
      "cors-origin": { type: "string", multiple: true, default: [] },
      "journal-entries": { type: "string" },
      "journal-bytes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return EXIT.ok;
  }
  const entraPort = port(values["entra-port"], "--entra-port");
  const immutaPort = port(values["immuta-port"], "--immuta-port");
  let served: Served;
  try {
    served = await startServers({
      scenario: values.scenario,
      entraPort,
      immutaPort,
      host: values.host,
      allowHosts: values["allow-host"],
      corsOrigins: values["cors-origin"].map((origin) => corsOrigin(origin)),
      journal: {
        ...count(values["journal-entries"], "--journal-entries", "entries"),
        ...count(values["journal-bytes"], "--journal-bytes", "bytes"),
      },
    });
  } catch (error) {
    if (error instanceof ScenarioError) {
      io.err(error.message);
      return EXIT.badInput;
    }
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      io.err(
        `synclab: a port is already in use (${(error as Error).message}); pick others with --entra-port / --immuta-port`,
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

/** Hosts the servers answer to and origins whose pages may call them. */
function edgePolicy(options: {
  host: string;
  allowHosts?: readonly string[];
  corsOrigins?: readonly string[];
  uiPort?: number;
}): EdgePolicy {
  const dashboard =
    options.uiPort === undefined
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

function count(text: string | undefined, flag: string, field: "entries" | "bytes"): Partial<JournalSize> {
  if (text === undefined) return {};
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`${flag} must be a whole number, got '${text}'`);
  return { [field]: value };
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
    `  Fake Entra (Graph)   ${entra.url}/v1.0`,
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
