// The environment a command works on, from the config file synthesis reads.
import { loadConfigFile } from "../config/load";
import type { ResolvedEnvironment } from "../config/resolve";
import { CliError } from "./errors";

/** Loads `file` (a ConfigError goes to the CLI: exit 1) and picks environment `name`. */
export function environmentFrom(file: string, name: string | undefined, usage: string) {
  if (!name || name.startsWith("-")) throw new CliError(`name an environment.\n${usage}`);
  const { config, warnings } = loadConfigFile(file);
  const env = config.environments.find((e) => e.name === name);
  if (!env) {
    const names = config.environments.map((e) => e.name).join(", ");
    throw new CliError(
      `${file} has no environment "${name}" (it has: ${names}). Fix: name one of those, or add environments.${name} to ${file}.`,
    );
  }
  return { env, warnings };
}

/** The DNS host whose API the live commands (adopt, check) read. */
const LIVE_DNS_HOST = "cloudflare";

/**
 * Zones certkit writes records in at the host the live commands read: those of every
 * validated name and every hostname. Records on other hosts are not read (docs/dns-hosts.md).
 */
export function zonesOf(env: ResolvedEnvironment) {
  const zones = new Map(
    [
      ...env.validationRecords.map((r) => r.zone),
      ...env.certificates.flatMap((c) => c.hostnames.map((h) => h.zone)),
    ]
      .filter((z) => z.provider === LIVE_DNS_HOST)
      .map((z) => [z.name, z]),
  );
  return [...zones.values()].sort((a, b) => a.name.localeCompare(b.name));
}
