import { AnonymousAuthenticationProvider } from "@microsoft/kiota-abstractions";
import { Client, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import {
  createGraphServiceClient,
  GraphRequestAdapter,
  type GraphServiceClient,
} from "@microsoft/msgraph-sdk";
import { createGraphClientFactory } from "@microsoft/msgraph-sdk-core";
import "@microsoft/msgraph-sdk-directory";
import "@microsoft/msgraph-sdk-users";
import { Agent, fetch as undiciFetch } from "undici";
import { createEntraApp } from "../../emulator/entra/index.ts";
import { listen } from "../../emulator/serve.ts";
import { createSelfSignedCertificate, type TlsMaterial } from "../../emulator/tls-certificate.ts";
import { createGraphWorld, type GraphWorld } from "../graph/graph-world.ts";

/** A fetch that trusts only the fake's generated certificate, as NODE_EXTRA_CA_CERTS would. */
export type TrustingFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

let material: Promise<TlsMaterial> | undefined;

/** One generated certificate per test file: generation is the slow part of starting. */
function certificate(): Promise<TlsMaterial> {
  material ??= createSelfSignedCertificate();
  return material;
}

/** The classic SDK's last middleware: sends the request with the trusting fetch. */
class TrustingFetchHandler implements Middleware {
  readonly #fetch: TrustingFetch;
  constructor(fetchImpl: TrustingFetch) {
    this.#fetch = fetchImpl;
  }
  async execute(context: Context): Promise<void> {
    context.response = await this.#fetch(context.request, context.options);
  }
}

export type SdkWorld = GraphWorld & {
  /** `https://127.0.0.1:<port>`: the fake Entra over TLS. */
  origin: string;
  fetch: TrustingFetch;
  /** `@microsoft/microsoft-graph-client` 3.x pointed at the fake (only the base URL changed). */
  classic: Client;
  /** The Kiota request adapter of `@microsoft/msgraph-sdk`, and its service client. */
  adapter: GraphRequestAdapter;
  kiota: GraphServiceClient;
  close: () => Promise<void>;
};

/**
 * The graph test tenant served over https on a free loopback port, with both official SDKs set up
 * as a developer's script sets them up, except that their fetch trusts the generated certificate.
 */
export async function startSdkWorld(): Promise<SdkWorld> {
  const world = createGraphWorld();
  const tls = await certificate();
  const served = await listen(createEntraApp(world.tenant), { port: 0, host: "127.0.0.1", tls });
  const agent = new Agent({ connect: { ca: tls.cert } });
  const trusting: TrustingFetch = (input, init) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    }) as unknown as Promise<Response>;
  const classic = Client.initWithMiddleware({
    baseUrl: served.url,
    middleware: new TrustingFetchHandler(trusting),
  });
  const adapter = new GraphRequestAdapter(
    new AnonymousAuthenticationProvider(),
    undefined,
    undefined,
    createGraphClientFactory(
      { graphServiceTargetVersion: "v1.0", graphServiceLibraryClientVersion: "test" },
      (request, init) => trusting(request, init),
    ),
  );
  adapter.baseUrl = `${served.url}/v1.0`;
  return {
    ...world,
    origin: served.url,
    fetch: trusting,
    classic,
    adapter,
    kiota: createGraphServiceClient(adapter),
    close: async () => {
      await served.close();
      await agent.close();
    },
  };
}
