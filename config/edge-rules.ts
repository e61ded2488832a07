// Browsers see the proxy's edge certificate, not ACM's: every proxied hostname
// must be covered by its zone's edge certificate (docs/cloudflare.md).
import { domainNameProblem, isWildcard } from "../domains/names";
import {
  type EdgeCertificate,
  MAX_PACK_HOSTS,
  advancedPackHosts,
  edgeProxyOf,
} from "../domains/edge-certificates";
import type { ZoneRoute, ZoneRouter } from "../domains/zones";
import { type RuleFindings, formatPath } from "./issues";
import { type ProxiedHostname, proxiedHostnames } from "./derive";
import type { CertkitConfig } from "./schema";

/** Zone settings by the normalised apex, with the key the config spells it with. */
function zoneConfigs(cfg: CertkitConfig) {
  return new Map(
    Object.entries(cfg.cloudflare?.zones ?? {}).map(([key, z]) => [key.toLowerCase(), { key, z }]),
  );
}

export function checkEdgeCertificates(
  cfg: CertkitConfig,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  const zones = zoneConfigs(cfg);
  const byZone = new Map<string, ProxiedHostname[]>();
  // One problem per hostname: those the hostname rules refused are not checked again.
  const refused = new Set(out.issues.map((i) => formatPath(i.path)));
  for (const h of proxiedHostnames(cfg, router)) {
    if (isWildcard(h.name) || domainNameProblem(h.name) || refused.has(formatPath(h.path)))
      continue;
    byZone.set(h.zone.name, [...(byZone.get(h.zone.name) ?? []), h]);
    const zone = zones.get(h.zone.name)!; // routed, so configured
    const problem = coverageProblem(h, zone.z.edgeCertificate, zone.key);
    if (problem) out.issues.push({ path: h.path, message: problem });
  }
  for (const [apex, { key, z }] of zones) {
    const proxy = edgeProxyOf(router.route(apex)?.provider ?? "");
    if (z.edgeCertificate !== "advanced" || !proxy) continue;
    const hosts = advancedPackHosts(
      apex,
      (byZone.get(apex) ?? []).map((h) => h.name),
      proxy,
    );
    const at = ["cloudflare", "zones", key, "edgeCertificate"];
    if (hosts.length > MAX_PACK_HOSTS) {
      out.issues.push({
        path: at,
        message: `advanced needs a certificate pack of ${hosts.length} hosts (${apex} and ${hosts.length - 1} proxied names Universal SSL misses); Cloudflare allows at most ${MAX_PACK_HOSTS}. Fix: use total-tls, or make some of those hostnames proxied: false.`,
      });
    } else if (hosts.length === 0) {
      out.warnings.push({
        path: at,
        message: `advanced orders nothing: Universal SSL already covers every proxied hostname of ${apex}. Remove it (universal is the default) unless a deeper proxied name is coming.`,
      });
    }
  }
}

function coverageProblem(
  h: ProxiedHostname,
  edge: EdgeCertificate,
  zoneKey: string,
): string | undefined {
  const proxy = edgeProxyOf(h.zone.provider);
  const dnsOnly =
    h.path[h.path.length - 1] === "name"
      ? "set proxied: false"
      : `write it as { name: ${h.name}, proxied: false }`;
  if (!proxy) {
    return `"${h.name}" is proxied, but zone ${h.zone.name} is hosted by ${h.zone.provider}, which has no proxy. Fix: ${dnsOnly}.`;
  }
  const gap = proxy.gap(h.zone.name, h.name, edge);
  if (!gap) return undefined;
  const better = edge === "universal" ? "advanced or total-tls" : "advanced";
  return `"${h.name}" is proxied, but ${proxy.name}'s edge certificate for zone ${h.zone.name} does not cover it (${gap}), so browsers would fail the TLS handshake at the edge. Fix: ${dnsOnly} (the endpoint then serves its own certificate), or set ${zonePath(h.zone, zoneKey)}.edgeCertificate: ${better} (a paid add-on, see docs/cloudflare.md).`;
}

const zonePath = (zone: ZoneRoute, key: string) => `${zone.provider}.zones["${key}"]`;
