// The flow of one environment as a Mermaid flowchart (GitHub renders it in a PR):
// hostname -> its DNS host -> endpoint -> certificate, validation record -> ACM,
// private CA -> private certificate. Pure.
import { capabilitiesOf } from "../domains/dns-hosts";
import type { CertificateFacts, HostnameFact } from "./certificate-facts";

export function environmentFlowchart(certificates: readonly CertificateFacts[]): string {
  const lines = ["flowchart LR"];
  const ids = new NodeIds();
  const edges: string[] = [];

  const hosts = certificates.flatMap((c) => c.hostnames.map((h) => ({ c, h })));
  const records = new Map<string, { label: string; host?: string; certs: string[] }>();
  for (const c of certificates) {
    for (const v of c.validation) {
      const owner = v.ownedBy ? `<br/>owned by ${v.ownedBy}` : v.zone ? `<br/>zone ${v.zone}` : "";
      const entry = records.get(v.baseName) ?? {
        label: `validation CNAME<br/>${v.baseName}${owner}`,
        host: v.host,
        certs: [],
      };
      entry.certs.push(c.name);
      records.set(v.baseName, entry);
    }
  }

  // One subgraph per DNS host; records another environment owns are in its stack, drawn apart.
  const dnsHosts = [
    ...new Set([
      ...hosts.map(({ h }) => h.host),
      ...[...records.values()].flatMap((r) => r.host ?? []),
    ]),
  ];
  for (const host of dnsHosts.sort()) {
    lines.push(`  subgraph ${ids.get("dns", host)}["${hostTitle(host)}"]`);
    for (const { h } of hosts.filter(({ h }) => h.host === host))
      lines.push(`    ${ids.get("host", h.name)}${node(h.name, "round")}`);
    for (const [base, r] of records)
      if (r.host === host)
        lines.push(`    ${ids.get("validation", base)}${node(r.label, "record")}`);
    lines.push("  end");
  }
  for (const [base, r] of records)
    if (r.host === undefined)
      lines.push(`  ${ids.get("validation", base)}${node(r.label, "record")}`);

  for (const region of [...new Set(certificates.map((c) => c.region))].sort()) {
    lines.push(`  subgraph ${ids.get("region", region)}["AWS ${region}"]`);
    const inRegion = certificates.filter((x) => x.region === region);
    for (const c of inRegion) {
      if (c.endpoint)
        lines.push(`    ${ids.get("endpoint", c.name)}${node(c.endpoint.label, "box")}`);
      const kind = c.certificateAuthorityArn ? "ACM private certificate" : "ACM certificate";
      const label = `${kind} ${c.name}<br/>${c.domains.join(", ")}<br/>${c.keyAlgorithm}`;
      lines.push(`    ${ids.get("certificate", c.name)}${node(label, "box")}`);
    }
    const cas = new Set(inRegion.flatMap((c) => c.certificateAuthorityArn ?? []));
    for (const ca of cas) {
      lines.push(`    ${ids.get("ca", caId(ca))}${node(`AWS Private CA<br/>${caId(ca)}`, "box")}`);
    }
    lines.push("  end");
  }

  for (const c of certificates) {
    const certificate = ids.get("certificate", c.name);
    const endpoint = c.endpoint ? ids.get("endpoint", c.name) : undefined;
    const target = c.target ? ids.get("target", c.target) : undefined;
    if (target) lines.push(`  ${target}${node(`${c.target}<br/>external target`, "box")}`);
    for (const h of c.hostnames) {
      const via = hostnameEdge(h);
      const to = endpoint ?? target ?? certificate;
      edges.push(`  ${ids.get("host", h.name)} -->|${via}| ${to}`);
    }
    if (endpoint && c.endpoint) {
      // A solid arrow: the endpoint serves the certificate; dotted, no arrow: certkit does not put it there.
      const line = c.endpoint.serves ? "-->" : "-.-";
      edges.push(`  ${endpoint} ${line}|${c.endpoint.edge}| ${certificate}`);
    }
    if (!endpoint && !target && c.hostnames.length === 0) {
      const idle = ids.get("idle", c.name);
      lines.push(
        `  ${idle}${node("not attached: ACM renews only<br/>certificates in use", "note")}`,
      );
      edges.push(`  ${certificate} -.- ${idle}`);
    }
  }
  for (const c of certificates) {
    if (c.certificateAuthorityArn) {
      edges.push(
        `  ${ids.get("ca", caId(c.certificateAuthorityArn))} -->|issues, renews| ${ids.get("certificate", c.name)}`,
      );
    }
  }
  for (const [base, r] of records) {
    for (const c of r.certs)
      edges.push(`  ${ids.get("validation", base)} -.->|validates| ${ids.get("certificate", c)}`);
  }
  return [...lines, ...edges].join("\n");
}

/** A CA's id, the UUID its ARN ends with: unique across accounts and regions. */
const caId = (arn: string) => arn.split("/").pop() ?? arn;
/** A DNS host's subgraph title: `Route 53`; one certkit cannot write to says so. */
function hostTitle(host: string): string {
  const { label, writesRecords } = capabilitiesOf(host);
  const title = label.charAt(0).toUpperCase() + label.slice(1);
  return writesRecords ? title : `${title}: records created by hand`;
}

/** The arrow from a hostname to its endpoint: how the record points there. */
function hostnameEdge(h: HostnameFact): string {
  const { proxy, writesRecords } = capabilitiesOf(h.host);
  if (proxy) return h.proxied ? "proxied" : "DNS only";
  const record = h.record === "alias" ? "alias A/AAAA" : h.record;
  return writesRecords ? record : `${record}, by hand`;
}

/** `["label"]` in the node's shape, with quotes escaped as Mermaid wants. */
function node(label: string, shape: "box" | "round" | "record" | "note"): string {
  const text = `"${label.replace(/"/g, "#quot;")}"`;
  switch (shape) {
    case "round":
      return `(${text})`;
    case "record":
      return `[/${text}/]`;
    case "note":
      return `>${text}]`;
    default:
      return `[${text}]`;
  }
}

/** Stable, readable node ids: `host_www_example_com`; distinct even when names differ only in punctuation. */
class NodeIds {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  get(kind: string, name: string): string {
    const key = `${kind}\u0000${name}`;
    let id = this.byKey.get(key);
    if (id) return id;
    const base = `${kind}_${name.replace(/\*/g, "star").replace(/[^A-Za-z0-9]+/g, "_")}`;
    id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}
