import { formatLogRecord } from "../../emulator/entra/index.ts";
import type { CycleResult } from "../../emulator/entra/index.ts";
import { requestLine } from "./request-line.ts";

/** The requests a provisioning run sent (relative to the tenant URL) and its log records, indented. */
export function printProvisioning(result: CycleResult, baseUrl: string): string[] {
  return [
    ...result.exchanges.map((exchange) => `  → ${requestLine(exchange, baseUrl)}  ${exchange.status}`),
    ...result.results.map((object) => indent(formatLogRecord(object.log))),
  ];
}

// One replace per log record rather than a split and join of its lines: a large cycle has 10,000.
function indent(text: string): string {
  return `  ${text.replaceAll("\n", "\n  ")}`;
}
