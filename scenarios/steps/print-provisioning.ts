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

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
