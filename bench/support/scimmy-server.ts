import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import SCIMMY from "scimmy";

type Stored = Record<string, unknown> & { id: string; userName: string };

/**
 * SCIMMY 1.3.5 (https://github.com/scimmyjs/scimmy), the peer SCIM server of the throughput
 * benchmark, behind a minimal node:http adapter: POST, PATCH and GET /Users, an in-memory store
 * with a userName index so that `userName eq` is a lookup, as in the fake Immuta.
 */
export async function listenScimmy(extension: string): Promise<{
  url: string;
  /** Stores users without HTTP (for preloading); answers their ids. */
  preload: (bodies: readonly object[]) => Promise<string[]>;
  close: () => Promise<void>;
}> {
  const users = new Map<string, Stored>();
  const byUserName = new Map<string, string>();
  let next = 0;
  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.extend(
      new SCIMMY.Types.SchemaDefinition("CustomUser", extension, "", [
        new SCIMMY.Types.Attribute("string", "zipcode"),
        new SCIMMY.Types.Attribute("string", "costCenter"),
      ]) as never,
      false,
    ),
  );
  SCIMMY.Resources.User.ingress((resource, instance) => {
    const data = JSON.parse(JSON.stringify(instance)) as Stored;
    const id = resource.id ?? String(++next);
    const stored = { ...data, id, meta: { resourceType: "User" } };
    if (!resource.id && byUserName.has(stored.userName))
      throw new SCIMMY.Types.Error(409, "uniqueness", "taken");
    users.set(id, stored);
    byUserName.set(stored.userName, id);
    return stored;
  });
  SCIMMY.Resources.User.egress((resource) => {
    if (resource.id) {
      const user = users.get(resource.id);
      if (!user) throw new SCIMMY.Types.Error(404, null!, `no user ${resource.id}`);
      return user;
    }
    const filter = resource.filter as unknown as { userName?: [string, string] }[] | undefined;
    const wanted = filter?.[0]?.userName;
    if (filter?.length === 1 && wanted?.[0] === "eq") {
      const id = byUserName.get(wanted[1]);
      const user = id === undefined ? undefined : users.get(id);
      return user ? [user] : [];
    }
    return [...users.values()];
  });
  SCIMMY.Resources.User.degress(() => undefined);

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    preload: async (bodies) => {
      const ids: string[] = [];
      for (const body of bodies)
        ids.push(((await new SCIMMY.Resources.User().write(body)) as { id: string }).id);
      return ids;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = new URL(request.url ?? "/", "http://scimmy");
  const id = /^\/Users\/([^/]+)$/.exec(url.pathname)?.[1];
  try {
    let status = 200;
    let result: unknown;
    if (request.method === "POST" && url.pathname === "/Users") {
      result = await new SCIMMY.Resources.User().write(JSON.parse(Buffer.concat(chunks).toString()));
      status = 201;
    } else if (request.method === "PATCH" && id) {
      result = await new SCIMMY.Resources.User(decodeURIComponent(id)).patch(
        JSON.parse(Buffer.concat(chunks).toString()) as never,
      );
    } else if (request.method === "GET" && url.pathname === "/Users") {
      const filter = url.searchParams.get("filter");
      result = await new SCIMMY.Resources.User((filter ? { filter } : {}) as never).read();
    } else {
      status = 404;
      result = { detail: "not found" };
    }
    send(response, status, result);
  } catch (error) {
    const status = error instanceof SCIMMY.Types.Error ? Number(error.status) : 400;
    send(response, status, new SCIMMY.Messages.Error(error as never));
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/scim+json" });
  response.end(JSON.stringify(body));
}
