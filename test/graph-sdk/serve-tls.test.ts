import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startServers } from "../../cli/serve-command.ts";
import { createSelfSignedCertificate, loadTlsMaterial } from "../../emulator/tls-certificate.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "synclab-tls-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the fake Entra's TLS certificate", () => {
  it("generates a certificate once and reuses it on the next start", async () => {
    const first = await loadTlsMaterial({ dir });
    const second = await loadTlsMaterial({ dir });
    expect(first.certPath).toBe(join(dir, "entra-cert.pem"));
    expect(second.cert).toBe(first.cert);
    expect(await readFile(join(dir, "entra-cert.pem"), "utf8")).toBe(first.cert);
  });

  it("refuses --cert without --key", async () => {
    await expect(loadTlsMaterial({ cert: join(dir, "cert.pem") })).rejects.toThrow(/go together/);
  });

  it("serves npm start's fake Entra over https with the user's --cert and --key", async () => {
    const material = await createSelfSignedCertificate();
    await writeFile(join(dir, "cert.pem"), material.cert);
    await writeFile(join(dir, "key.pem"), material.key);
    const served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
      tls: { port: 0, cert: join(dir, "cert.pem"), key: join(dir, "key.pem") },
    });
    const agent = new Agent({ connect: { ca: material.cert } });
    try {
      expect(served.entraTls?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const response = await undiciFetch(`${served.entraTls?.url ?? ""}/v1.0/users?$top=1`, {
        dispatcher: agent,
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { "@odata.context": string };
      expect(body["@odata.context"]).toBe(`${served.entraTls?.url ?? ""}/v1.0/$metadata#users`);
    } finally {
      await agent.close();
      await served.close();
    }
  });
});
