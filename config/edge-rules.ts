// Browsers see the proxy's edge certificate, not ACM's: every proxied hostname
// must be covered by its zone's edge certificate (docs/cloudflare.md).
import { domainNameProblem, isWildcard } from "../domains/names";
import {
  type EdgeCertificate,
  MAX_PACK_HOSTS,
  advancedPackHosts,
} from "../domains/edge-certificates";
import { capabilitiesOf, edgeProxyOf } from "../domains/dns-hosts";
import type { ZoneRouter } from "../domains/zones";
import { type KeyPath, type RuleFindings, formatPath } from "./issues";
import { type ProxiedHostname, configuredZones, proxiedHostnames } from "./derive";
import type { CertkitConfig } from "./schema";

/** Zones whose host has a proxy, by apex, with the key path the config spells each with. */
function proxyZones(cfg: CertkitConfig) {
  return new Map(
    configuredZones(cfg)
      .filter((z) => edgeProxyOf(z.route.provider))
      .map((z) => [z.route.name, z]),
  );
}

export function checkEdgeCertificates(
  cfg: CertkitConfig,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  const zones = proxyZones(cfg);
  const byZone = new Map<string, ProxiedHostname[]>();
  // One problem per hostname: those the hostname rules refused are not checked again.
  const refused = new Set(out.issues.map((i) => formatPath(i.path)));
  for (const h of proxiedHostnames(cfg, router)) {
    if (isWildcard(h.name) || domainNameProblem(h.name) || refused.has(formatPath(h.path)))
      continue;
    byZone.set(h.zone.name, [...(byZone.get(h.zone.name) ?? []), h]);
    const zone = zones.get(h.zone.name);
    const problem = coverageProblem(h, zone?.edgeCertificate ?? "universal", zone?.path);
    if (problem) out.issues.push({ path: h.path, message: problem });
  }
  for (const [apex, z] of zones) {
    const proxy = edgeProxyOf(z.route.provider);
    if (z.edgeCertificate !== "advanced" || !proxy) continue;
    const hosts = advancedPackHosts(
      apex,
      (byZone.get(apex) ?? []).map((h) => h.name),
      proxy,
    );
    const at = [...z.path, "edgeCertificate"];
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
  zonePath: KeyPath | undefined,
): string | undefined {
  const proxy = edgeProxyOf(h.zone.provider);
  const dnsOnly =
    h.path[h.path.length - 1] === "name"
      ? "set proxied: false"
      : `write it as { name: ${h.name}, proxied: false }`;
  if (!proxy || !zonePath) {
    const host = capabilitiesOf(h.zone.provider).label;
    return `"${h.name}" is proxied, but zone ${h.zone.name} is at ${host}, which has no proxy. Fix: ${dnsOnly}.`;
  }
  const gap = proxy.gap(h.zone.name, h.name, edge);
  if (!gap) return undefined;
  const better = edge === "universal" ? "advanced or total-tls" : "advanced";
  return `"${h.name}" is proxied, but ${proxy.name}'s edge certificate for zone ${h.zone.name} does not cover it (${gap}), so browsers would fail the TLS handshake at the edge. Fix: ${dnsOnly} (the endpoint then serves its own certificate), or set ${formatPath([...zonePath, "edgeCertificate"])}: ${better} (a paid add-on, see docs/cloudflare.md).`;
}
