import { hostname, networkInterfaces } from "node:os";

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"];
const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * The host names a fake bound to `bindHost` answers to: the loopback names, the bound address, and
 * for a wildcard bind every interface address and the machine's name; plus the `extra` names the
 * user allows (`--allow-host`). Any other `Host` is a DNS-rebinding attempt or a misdirected request.
 */
export function listenHosts(bindHost: string, extra: readonly string[] = []): string[] {
  const names = new Set([...LOOPBACK_NAMES, bindHost.replace(/^\[|\]$/g, ""), ...extra]);
  if (WILDCARDS.has(bindHost)) {
    names.add(hostname());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address);
    }
  }
  return [...names].map((name) => name.toLowerCase());
}
