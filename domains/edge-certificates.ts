// Which names a DNS host's proxy can serve with a valid certificate. A proxy
// terminates TLS with its own edge certificate, not the origin's (ACM's), so a
// proxied name needs coverage there too. Which host has which proxy: dns-hosts.ts.

/** What a zone's edge certificate is: the free one, one certkit orders, or one per name. */
export const EDGE_CERTIFICATES = ["universal", "advanced", "total-tls"] as const;
export type EdgeCertificate = (typeof EDGE_CERTIFICATES)[number];

/** Cloudflare: an advanced certificate pack holds the zone apex and at most 50 hosts in all. */
export const MAX_PACK_HOSTS = 50;
/** Cloudflare: Total TLS certificates carry the name as CN, which RFC 5280 limits to 64 characters. */
export const MAX_TOTAL_TLS_NAME_LENGTH = 64;

/** The proxy of a DNS host, as far as certificate coverage goes. */
export interface EdgeProxy {
  /** Product name shown in messages, such as "Cloudflare". */
  readonly name: string;
  /** Why `name` in zone `apex` would fail the TLS handshake at the edge, or undefined when covered. */
  gap(apex: string, name: string, edge: EdgeCertificate): string | undefined;
  /** Names the free certificate misses: what an `advanced` order must cover. */
  missedByFree(apex: string, name: string): boolean;
}

/**
 * Universal SSL covers the zone apex and one level under it (`example.com`,
 * `*.example.com`) on a full-setup zone:
 * https://developers.cloudflare.com/ssl/edge-certificates/universal-ssl/limitations/
 */
export function universalCovers(apex: string, name: string): boolean {
  if (name === apex) return true;
  if (!name.endsWith(`.${apex}`)) return false;
  return !name.slice(0, -apex.length - 1).includes(".");
}

export const cloudflareProxy: EdgeProxy = {
  name: "Cloudflare",
  missedByFree: (apex, name) => !universalCovers(apex, name),
  gap(apex, name, edge) {
    switch (edge) {
      case "universal":
        return universalCovers(apex, name)
          ? undefined
          : `Universal SSL covers only ${apex} and *.${apex}`;
      case "advanced":
        return undefined; // certkit orders a pack with exactly the names Universal SSL misses
      case "total-tls":
        // https://developers.cloudflare.com/ssl/edge-certificates/additional-options/total-tls/
        return universalCovers(apex, name) || name.length <= MAX_TOTAL_TLS_NAME_LENGTH
          ? undefined
          : `Total TLS issues no certificate for a name over ${MAX_TOTAL_TLS_NAME_LENGTH} characters (${name.length})`;
    }
  },
};

/**
 * Hosts of an advanced certificate pack for a zone: the apex (Cloudflare requires
 * it) then the proxied names the free certificate misses, sorted and de-duplicated.
 */
export function advancedPackHosts(
  apex: string,
  proxiedNames: Iterable<string>,
  proxy: EdgeProxy,
): string[] {
  const missed = new Set([...proxiedNames].filter((n) => proxy.missedByFree(apex, n)));
  return missed.size ? [apex, ...[...missed].sort()] : [];
}
