import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generate } from "selfsigned";

/** A PEM certificate and its private key, as `https.createServer` takes them. */
export type TlsMaterial = { cert: string; key: string; certPath: string | null };

/** Where `npm start` keeps its generated certificate, so a trust set up once keeps working. */
export const DEFAULT_TLS_DIR = ".synclab/tls";

/** Hosts the generated certificate names: loopback by address and by name. */
const LOOPBACK = ["127.0.0.1", "::1", "localhost"] as const;

/**
 * A self-signed certificate for the given hosts (loopback always), valid for a year, made with
 * the `selfsigned` library: an EC P-256 key, `serverAuth`, the hosts as subject alternative names.
 * It is its own CA, so `NODE_EXTRA_CA_CERTS=<cert.pem>` makes Node clients trust it.
 */
export async function createSelfSignedCertificate(hosts: readonly string[] = []): Promise<TlsMaterial> {
  const names = [...new Set([...LOOPBACK, ...hosts])];
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: "commonName", value: "synclab fake Entra (development only)" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: names.map((name) =>
          /^[\d.]+$|:/.test(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
        ),
      },
    ],
  });
  return { cert: pems.cert, key: pems.private, certPath: null };
}

/**
 * The certificate to serve: the user's `--cert`/`--key` files, else the one kept in `dir`,
 * generated there on first use (and again once it has expired or lacks a host).
 */
export async function loadTlsMaterial(options: {
  cert?: string | undefined;
  key?: string | undefined;
  dir?: string;
  hosts?: readonly string[];
}): Promise<TlsMaterial> {
  if (options.cert !== undefined || options.key !== undefined) {
    if (options.cert === undefined || options.key === undefined)
      throw new Error("--cert and --key go together: give both or neither");
    return {
      cert: await readFile(options.cert, "utf8"),
      key: await readFile(options.key, "utf8"),
      certPath: options.cert,
    };
  }
  const dir = options.dir ?? DEFAULT_TLS_DIR;
  const certPath = join(dir, "entra-cert.pem");
  const keyPath = join(dir, "entra-key.pem");
  if (existsSync(certPath) && existsSync(keyPath)) {
    const [cert, key] = await Promise.all([readFile(certPath, "utf8"), readFile(keyPath, "utf8")]);
    if (isUsable(cert, options.hosts ?? [])) return { cert, key, certPath };
  }
  const made = await createSelfSignedCertificate(options.hosts);
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await writeFile(certPath, made.cert);
  return { ...made, certPath };
}

function isUsable(pem: string, hosts: readonly string[]): boolean {
  try {
    const certificate = new X509Certificate(pem);
    const fresh = new Date(certificate.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
    return (
      fresh &&
      hosts.every(
        (host) => certificate.checkHost(host) !== undefined || certificate.checkIP(host) !== undefined,
      )
    );
  } catch {
    return false;
  }
}
