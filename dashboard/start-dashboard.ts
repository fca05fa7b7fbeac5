import { listen, type Listening } from "../emulator/serve.ts";
import { createDashboardApp } from "./create-dashboard-app.ts";
import type { FakesOptions } from "./fakes-client.ts";

/** Default port of the dashboard: the one Firebase's Emulator Suite UI uses. */
export const DEFAULT_UI_PORT = 4000;

/** Serves the dashboard for two listening fakes; port 0 picks a free port. */
export async function startDashboard(
  options: FakesOptions & { port: number; host: string },
): Promise<Listening> {
  const app = createDashboardApp(options);
  return listen(app, { port: options.port, host: options.host });
}
