// `certkit adopt <env> [--dry-run]`: finds what was made by hand (ACM certificates,
// validation CNAMEs, app records) and writes the environment's `adopt:` section,
// keeping the file's comments, order and formatting. Reads only; a second run
// changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { Document, LineCounter, Scalar, isMap, isScalar, parseDocument } from "yaml";
import { loadConfigText } from "../config/load";
import type { ResolvedEnvironment } from "../config/resolve";
import { capabilitiesOf } from "../domains/dns-hosts";
import type { ZoneRoute } from "../domains/zones";
import { AcmReader, LiveCertificate } from "./live/acm";
import { CloudflareReader, LiveZone } from "./live/cloudflare";
import { environmentFrom, zonesOf } from "./environment";
import { CliError, EXIT } from "./errors";

export const ADOPT_USAGE = `usage: certkit adopt <environment> [--dry-run]
  Finds the ACM certificates, validation CNAMEs and app records made by hand for the
  environment's certificates and writes environments.<environment>.adopt into the
  config file (comments and order kept). Reads AWS and Cloudflare, never writes there.
  --dry-run   print the adopt section instead of writing it
  Needs CLOUDFLARE_API_TOKEN (Zone:Read, DNS:Read) and AWS credentials that may list
  and describe ACM certificates. Exit 0 done, 1 config error, 2 could not read.`;

type Kind = "certificates" | "validationRecords" | "hostnames";
const KINDS: readonly Kind[] = ["certificates", "validationRecords", "hostnames"];

/** The adopt section: kind -> key -> ARN or record id, in config order. */
export type AdoptSection = Record<Kind, Map<string, string>>;

export interface Findings {
  /** What is adopted after this run: what the config had, and what was found. */
  readonly section: AdoptSection;
  /** Entries found now, not in the config yet. */
  readonly added: number;
  /** One line per certificate, validation record and hostname. */
  readonly report: string[];
}

export async function adopt(args: string[], file: string): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const unknown = args.filter((a) => a.startsWith("-") && a !== "--dry-run");
  if (unknown.length) throw new CliError(`unknown option ${unknown[0]}.\n${ADOPT_USAGE}`);
  const names = args.filter((a) => !a.startsWith("-"));
  if (names.length > 1) throw new CliError(`one environment at a time.\n${ADOPT_USAGE}`);
  const { env } = environmentFrom(file, names[0], ADOPT_USAGE);

  const found = await findAdoptions(env, new CloudflareReader(), new AcmReader());
  for (const line of found.report) console.log(line);
  if (dryRun) {
    console.log(`\nenvironments.${env.name}:`);
    console.log(sectionYaml(found.section).replace(/^/gm, "  ").trimEnd());
    return EXIT.ok;
  }
  if (found.added === 0) {
    console.log(`${file} already adopts all of this: nothing changed.`);
    return EXIT.ok;
  }
  const text = readFileSync(file, "utf8");
  const updated = withAdoptSection(text, env.name, found.section);
  // The file must still load: a found ARN of another account, for one, is refused here.
  loadConfigText(updated, file);
  writeFileSync(file, updated);
  console.log(
    `Wrote environments.${env.name}.adopt into ${file} (${found.added} new ${found.added === 1 ? "entry" : "entries"}). Next: npx certkit check ${env.name}, npx certkit review, then cdktf deploy ${env.name}.`,
  );
  return EXIT.ok;
}

/** Reads live state and decides what the environment adopts. */
export async function findAdoptions(
  env: ResolvedEnvironment,
  cloudflare: CloudflareReader,
  acm: AcmReader,
): Promise<Findings> {
  const section: AdoptSection = {
    certificates: new Map(),
    validationRecords: new Map(),
    hostnames: new Map(),
  };
  const report: string[] = [];
  let added = 0;
  const adoptNew = (kind: Kind, key: string, value: string) => {
    section[kind].set(key, value);
    added++;
  };

  // Certificates: an ARN the config adopts stays; else an ISSUED one with exactly the names.
  const certificates = new Map<string, LiveCertificate>();
  for (const c of env.certificates) {
    if (c.adoptArn) {
      certificates.set(c.name, await acm.describe(c.adoptArn, c.region));
      section.certificates.set(c.name, c.adoptArn);
      report.push(`certificate ${c.name}: already adopts ${c.adoptArn}.`);
      continue;
    }
    const wanted = [...c.domains].sort().join(" ");
    const matches = (await acm.issuedNamed(c.region, c.domains))
      .filter((x) => [...x.names].sort().join(" ") === wanted)
      .sort((a, b) => (b.issuedAt?.getTime() ?? 0) - (a.issuedAt?.getTime() ?? 0));
    if (!matches.length) {
      report.push(
        `certificate ${c.name}: no ISSUED certificate in ${c.region} has exactly ${c.domains.join(", ")}; certkit will request one.`,
      );
      continue;
    }
    const [newest] = matches;
    certificates.set(c.name, newest);
    adoptNew("certificates", c.name, newest.arn);
    report.push(
      matches.length === 1
        ? `certificate ${c.name}: adopting ${newest.arn}${issued(newest)}.`
        : `certificate ${c.name}: ${matches.length} ISSUED certificates have exactly ${c.domains.join(", ")}; adopting the newest, ${newest.arn}${issued(newest)}. The others: ${matches
            .slice(1)
            .map((m) => m.arn)
            .join(", ")}.`,
    );
  }

  const zones = new Map<string, LiveZone>();
  for (const z of zonesOf(env)) zones.set(z.name, await cloudflare.zone(z));

  for (const r of env.validationRecords) {
    const zone = zones.get(r.zone.name);
    if (!zone) {
      report.push(elsewhere(`validation record ${r.baseName}`, r.zone));
      continue;
    }
    if (r.adoptRecordId) {
      section.validationRecords.set(r.baseName, r.adoptRecordId);
      report.push(`validation record ${r.baseName}: already adopts record ${r.adoptRecordId}.`);
      continue;
    }
    // The name ACM asked for, from the adopted certificate; else any _<token>.<name>
    // CNAME into acm-validations.aws (the same name for every certificate of the account).
    const asked = r.certificates
      .map((c) => certificates.get(c)?.validation.get(r.baseName))
      .find((v) => v !== undefined);
    const candidates = zone.records.filter((x) =>
      x.type !== "CNAME"
        ? false
        : asked
          ? x.name === asked.name
          : x.name.endsWith(`.${r.baseName}`) &&
            /^_[0-9a-z]+$/.test(x.name.slice(0, -r.baseName.length - 1)) &&
            /(^|\.)acm-validations\.aws$/.test(x.content),
    );
    if (candidates.length === 1) {
      const [rec] = candidates;
      adoptNew("validationRecords", r.baseName, rec.id);
      report.push(
        `validation record ${r.baseName}: adopting record ${rec.id} (CNAME ${rec.name} -> ${rec.content}).`,
      );
    } else if (candidates.length > 1) {
      report.push(
        `validation record ${r.baseName}: ${candidates.length} validation CNAMEs match (${candidates.map((x) => x.name).join(", ")}); adopting none. Fix: adopt the one ACM shows for the certificate by hand.`,
      );
    } else {
      report.push(
        `validation record ${r.baseName}: none in zone ${zone.name}; certkit will create it.`,
      );
    }
  }

  for (const c of env.certificates) {
    for (const h of c.hostnames) {
      if (h.adoptRecordId) {
        section.hostnames.set(h.name, h.adoptRecordId);
        report.push(`hostname ${h.name}: already adopts record ${h.adoptRecordId}.`);
        continue;
      }
      const zone = zones.get(h.zone.name);
      if (!zone) {
        report.push(elsewhere(`hostname ${h.name}`, h.zone));
        continue;
      }
      const there = zone.records.filter((x) => x.name === h.name);
      const cname = there.find((x) => x.type === "CNAME");
      if (cname) {
        adoptNew("hostnames", h.name, cname.id);
        report.push(
          `hostname ${h.name}: adopting record ${cname.id} (CNAME -> ${cname.content}${cname.proxied ? ", proxied" : ""}).`,
        );
      } else if (there.length) {
        report.push(
          `hostname ${h.name}: not adopted, the record there is of type ${there.map((x) => x.type).join(", ")} and certkit writes a CNAME. Run \`certkit check ${env.name}\`.`,
        );
      } else {
        report.push(`hostname ${h.name}: no record; certkit will create it.`);
      }
    }
  }
  return { section, added, report };
}

const issued = (c: LiveCertificate) =>
  c.issuedAt ? ` (issued ${c.issuedAt.toISOString().slice(0, 10)})` : "";

/** Plain data of the section, kinds in a fixed order, empty kinds left out. */
function sectionData(section: AdoptSection): Record<string, Record<string, string>> {
  return Object.fromEntries(
    KINDS.filter((k) => section[k].size).map((k) => [k, Object.fromEntries(section[k])]),
  );
}

/** `adopt:` and its entries as YAML, record ids quoted (an all-digit id would read as a number). */
export function sectionYaml(section: AdoptSection): string {
  const doc = new Document({ adopt: sectionData(section) });
  quoteRecordIds(doc, ["adopt"]);
  return doc.toString();
}

/**
 * `text` with environments.<env>.adopt holding `section`; every other line as it was
 * (the yaml library would re-space flow collections and fold long lines if it wrote
 * the whole file): the section is edited as a document of its own and spliced in.
 * Entries already there keep their place and comments.
 */
export function withAdoptSection(text: string, envName: string, section: AdoptSection): string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const envs = doc.get("environments", true);
  const pair = isMap(envs)
    ? envs.items.find((p) => isScalar(p.key) && p.key.value === envName)
    : undefined;
  const envMap = pair?.value;
  if (!isMap(envMap) || envMap.flow || !isScalar(pair!.key) || !envMap.items.length) {
    // A flow-style environment (`prod: { ... }`): only the whole document can take a key.
    setEntries(doc, ["environments", envName, "adopt"], section);
    return doc.toString();
  }
  const lines = text.split("\n");
  const position = (node: { range?: [number, number, number] | null }) => {
    const { line, col } = lineCounter.linePos(node.range![0]);
    return { line: line - 1, column: col - 1 };
  };
  const envKey = position(pair!.key);
  const firstKey = envMap.items[0].key as Scalar;
  const indent = position(firstKey).column;
  const adoptPair = envMap.items.find((p) => isScalar(p.key) && p.key.value === "adopt");

  let start: number;
  let end: number;
  let sub: Document;
  if (adoptPair) {
    start = position(adoptPair.key as Scalar).line;
    end = blockEnd(lines, start, indent);
    sub = parseDocument(
      lines
        .slice(start, end)
        .map((l) => l.slice(indent))
        .join("\n"),
    );
  } else {
    start = end = blockEnd(lines, envKey.line, envKey.column);
    sub = new Document({});
  }
  setEntries(sub, ["adopt"], section);
  // A flow-style section (`adopt: { ... }`) stays on its line: no folding at 80 columns.
  const node = sub.get("adopt", true);
  const block = sub
    .toString(isMap(node) && node.flow ? { lineWidth: 0 } : {})
    .trimEnd()
    .split("\n")
    .map((l) => (l ? " ".repeat(indent) + l : l));
  return [...lines.slice(0, start), ...block, ...lines.slice(end)].join("\n");
}

/**
 * The line after the block starting at line `from` whose key is at `column`: the first
 * later line with content at that column or left of it; trailing blank lines stay outside.
 */
function blockEnd(lines: readonly string[], from: number, column: number): number {
  let last = from;
  for (let i = from + 1; i < lines.length; i++) {
    const content = lines[i].trim();
    if (!content) continue;
    if (lines[i].length - lines[i].trimStart().length <= column) break;
    last = i;
  }
  return last + 1;
}

function setEntries(doc: Document, at: readonly string[], section: AdoptSection): void {
  if (!isMap(doc.getIn(at))) doc.setIn(at, doc.createNode({}));
  for (const kind of KINDS) {
    for (const [key, value] of section[kind]) {
      if (doc.getIn([...at, kind, key]) !== value) doc.setIn([...at, kind, key], value);
    }
  }
  quoteRecordIds(doc, at);
}

function quoteRecordIds(doc: Document, at: readonly string[]): void {
  for (const kind of ["validationRecords", "hostnames"]) {
    const map = doc.getIn([...at, kind], true);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      if (pair.value instanceof Scalar && pair.value.type === undefined) {
        pair.value.type = Scalar.QUOTE_DOUBLE;
      } else if (!(pair.value instanceof Scalar)) {
        pair.value = Object.assign(new Scalar(pair.value), { type: Scalar.QUOTE_DOUBLE });
      }
    }
  }
}

/** A record on a host adopt does not read. */
function elsewhere(what: string, zone: ZoneRoute): string {
  return `${what}: zone ${zone.name} is at ${capabilitiesOf(zone.provider).label}, which adopt does not read; see docs/dns-hosts.md.`;
}
