/**
 * Where a shop's AvaTax account ID and license key may be sent: every request carries them (HTTP Basic auth), so only
 * to Avalara's own servers, named as the SDK names them, or, in local mode (the demo and the tests), to a local AvaTax
 * server on this machine. Pure: the settings form and the client both ask it.
 */

/** Avalara's servers by the SDK's names: sandbox-rest.avatax.com and rest.avatax.com. */
export const AVALARA_ENVIRONMENTS = ["sandbox", "production"] as const;
export type AvalaraEnvironment = (typeof AVALARA_ENVIRONMENTS)[number];

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isAvalaraEnvironment(environment: string): environment is AvalaraEnvironment {
  return (AVALARA_ENVIRONMENTS as readonly string[]).includes(environment);
}

/** Why the form's environment is refused, or null: a custom server only in local mode. */
export function avaTaxEnvironmentProblem(environment: string, localMode: boolean): string | null {
  if (isAvalaraEnvironment(environment)) return null;
  if (!localMode) return "must be sandbox or production: the account ID and license key are sent only to Avalara's servers";
  return localServerProblem(environment);
}

/**
 * Why `environment` is no local AvaTax server, or null when it is one: an http(s) address on this machine. The client
 * asks this of any environment not Avalara's, so that a stored address elsewhere never receives the credentials.
 */
export function localServerProblem(environment: string): string | null {
  let url: URL;
  try {
    url = new URL(environment);
  } catch {
    return "must be sandbox, production, or the address of the local AvaTax server (http://127.0.0.1:…)";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http:// or https:// address";
  // Stored and audited as typed: credentials belong in their own fields, where the license key is sealed.
  if (url.username || url.password) return "must not carry a user name or password: enter them as the account ID and license key";
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    return `must be sandbox or production, or a local AvaTax server on this machine, not ${url.hostname}: the account ID and license key go with every request`;
  }
  return null;
}
