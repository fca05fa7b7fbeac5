import type { World } from "../../world/build-world.ts";

/** What an IAM shows for a user, read from the fake's state in-process or from `/bim` over HTTP. */
export type ObservedUser =
  { exists: false } | { exists: true; disabled: boolean; attributes: Record<string, string[]> };

/** Reads the user of one IAM: in-process straight from the state (no HTTP), else `GET /bim/iam/{iamid}/user/{userid}`. */
export async function observeImmuta(
  world: World,
  options: { remote: boolean; iam: string; userName: string },
): Promise<ObservedUser> {
  if (!options.remote) {
    const user = world.immuta.state.iam(options.iam)?.users.getByUserName(options.userName);
    if (!user) return { exists: false };
    return { exists: true, disabled: user.disabled, attributes: Object.fromEntries(user.iamAuthorizations) };
  }
  const url = `${world.immutaOrigin}/bim/iam/${encodeURIComponent(options.iam)}/user/${encodeURIComponent(options.userName)}`;
  const response = await world.immutaFetch(new Request(url, { headers: { authorization: world.apiKey } }));
  if (response.status === 404) return { exists: false };
  const body = (await response.json()) as {
    disabled?: boolean;
    iamAuthorizations?: Record<string, string[]>;
  };
  return { exists: true, disabled: body.disabled === true, attributes: body.iamAuthorizations ?? {} };
}
