// Cloudflare's documented API rules, checked against the planned inputs of the
// terraform_data stand-ins: the offline plan cannot ask Cloudflare, so a mistake
// the API would refuse at apply must fail here. Pure functions over planned values;
// a value still unknown at plan time (KNOWN_AFTER_APPLY) is never judged.
import { isIPv4, isIPv6 } from "node:net";
import { KNOWN_AFTER_APPLY, type Json } from "./prepare";

/** One planned Cloudflare resource, as the stand-in carries it. */
export interface PlannedCloudflareResource {
  /** The stack (or `<config>/<stack>`) it was planned in, for messages. */
  readonly stack: string;
  /** Its address in the stack, with index: `cloudflare_dns_record.app_www`. */
  readonly address: string;
  /** `cloudflare_dns_record`, `cloudflare_certificate_pack`, `cloudflare_total_tls`, ... */
  readonly type: string;
  /** The planned arguments (the stand-in's `input`), unknowns as KNOWN_AFTER_APPLY. */
  readonly values: Json;
  /** The zone apex, lower case, when known (from the zone id or the zone lookup's filter). */
  readonly zone?: string;
}

export interface RuleViolation {
  /** `<stack>: <address>` */
  readonly resource: string;
  /** Short rule id, such as `dns-ttl-range`. */
  readonly rule: string;
  /** What is wrong, what was planned. */
  readonly message: string;
  /** Where Cloudflare (or the RFC) says so. */
  readonly source: string;
}

export interface CloudflareRuleOptions {
  /** Zones on the Enterprise plan, where the minimum TTL is 30 s. @default - none */
  readonly enterpriseZones?: readonly string[];
}

// --- sources -----------------------------------------------------------------------

const API_DNS_CREATE =
  "https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/create/";
const PROXY_STATUS = "https://developers.cloudflare.com/dns/proxy-status/";
const RECORD_TYPES_PAGE =
  "https://developers.cloudflare.com/dns/manage-dns-records/reference/dns-record-types/";
const SAME_NAME =
  "https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/";
const CNAME_FLATTENING = "https://developers.cloudflare.com/dns/cname-flattening/";
const API_PACK_ORDER =
  "https://developers.cloudflare.com/api/resources/ssl/subresources/certificate_packs/methods/create/";
const CERTIFICATE_AUTHORITIES =
  "https://developers.cloudflare.com/ssl/reference/certificate-authorities/";
const API_TOTAL_TLS =
  "https://developers.cloudflare.com/api/resources/acm/subresources/total_tls/methods/create/";

// --- the rules ----------------------------------------------------------------------

/** Every rule violated by `resources`, which should be all of one planned configuration. */
export function checkCloudflareResources(
  resources: readonly PlannedCloudflareResource[],
  options: CloudflareRuleOptions = {},
): RuleViolation[] {
  const records = resources.filter((r) => r.type === "cloudflare_dns_record");
  return [
    ...records.flatMap((r) => checkDnsRecord(r, options)),
    ...checkRecordsOfOneZone(records),
    ...resources
      .filter((r) => r.type === "cloudflare_certificate_pack")
      .flatMap(checkCertificatePack),
    ...resources.filter((r) => r.type === "cloudflare_total_tls").flatMap(checkTotalTls),
  ];
}

/** One line per violation, for a test failure. */
export function formatViolations(violations: readonly RuleViolation[]): string {
  return violations.map((v) => `${v.resource}: ${v.message} [${v.rule}; ${v.source}]`).join("\n");
}

// API create: `type` is one of these (the provider's schema validates the same list).
const RECORD_TYPES = [
  "A",
  "AAAA",
  "CAA",
  "CERT",
  "CNAME",
  "DNSKEY",
  "DS",
  "HTTPS",
  "LOC",
  "MX",
  "NAPTR",
  "NS",
  "OPENPGPKEY",
  "PTR",
  "SMIMEA",
  "SRV",
  "SSHFP",
  "SVCB",
  "TLSA",
  "TXT",
  "URI",
];
// Proxy status: only IP address resolution records (A, AAAA, CNAME) can be proxied.
const PROXIABLE = ["A", "AAAA", "CNAME"];
// API create, ttl: 1 means automatic; else 60..86400, minimum 30 for Enterprise zones.
const AUTO_TTL = 1;
const MIN_TTL = 60;
const MIN_TTL_ENTERPRISE = 30;
const MAX_TTL = 86400;
// DNS record types page: labels of 63 characters or less, the FQDN at most 253
// (tighter than the API's maxLength 255 for `name`, the complete name with the zone).
const MAX_NAME = 253;
const MAX_LABEL = 63;
// RFC 8659 §4.1: bit 128 is Issuer Critical; every other flag bit is reserved and
// must be 0 (the API's own range, 0..255, is wider).
const CAA_FLAGS = [0, 128];
// RFC 8659 §4.2-4.4 and the provider's `tag` description: issue, issuewild, iodef.
const CAA_TAGS = ["issue", "issuewild", "iodef"];

function checkDnsRecord(r: PlannedCloudflareResource, options: CloudflareRuleOptions) {
  const v = r.values;
  const found: RuleViolation[] = [];
  const fail = (rule: string, message: string, source: string) =>
    found.push({ resource: resourceName(r), rule, message, source });
  const type = recordType(v);
  const name = known(v.name);

  if (typeof type === "string" && !RECORD_TYPES.includes(type)) {
    fail(
      "dns-type",
      `type must be one of ${RECORD_TYPES.join(", ")}, got ${show(type)}`,
      API_DNS_CREATE,
    );
  }
  if (v.proxied === true && typeof type === "string" && !PROXIABLE.includes(type)) {
    fail(
      "dns-proxiable",
      `only A, AAAA and CNAME records can be proxied, got proxied ${type}`,
      PROXY_STATUS,
    );
  }
  const ttl = known(v.ttl);
  if (v.proxied === true && ttl !== undefined && ttl !== AUTO_TTL) {
    fail(
      "dns-proxied-ttl",
      `a proxied record has TTL 1 (automatic), got ${show(ttl)}`,
      PROXY_STATUS,
    );
  } else if (ttl !== undefined && ttl !== AUTO_TTL) {
    const min = r.zone && options.enterpriseZones?.includes(r.zone) ? MIN_TTL_ENTERPRISE : MIN_TTL;
    if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < min || ttl > MAX_TTL) {
      fail(
        "dns-ttl-range",
        `ttl must be 1 (automatic) or ${min} to ${MAX_TTL}, got ${show(ttl)}`,
        API_DNS_CREATE,
      );
    }
  }
  if (v.name !== KNOWN_AFTER_APPLY && (typeof name !== "string" || name.length === 0)) {
    fail("dns-name", `name is required, got ${show(v.name)}`, API_DNS_CREATE);
  } else if (typeof name === "string") {
    const bare = name.replace(/\.$/, "");
    const long = bare.split(".").find((label) => label.length > MAX_LABEL);
    if (bare.length > MAX_NAME) {
      fail(
        "dns-name-length",
        `name must be at most ${MAX_NAME} characters, got ${bare.length}`,
        RECORD_TYPES_PAGE,
      );
    } else if (long !== undefined) {
      fail(
        "dns-name-length",
        `each label of the name must be at most ${MAX_LABEL} characters, got ${long.length} in ${show(name)}`,
        RECORD_TYPES_PAGE,
      );
    }
  }
  if (typeof name === "string" && name.length > 0 && r.zone && !inZone(name, r.zone)) {
    fail(
      "dns-name-in-zone",
      `name must be the zone apex ${r.zone} or a name under it, got ${show(name)}`,
      API_DNS_CREATE,
    );
  }
  if (type === "CNAME") checkCname(r.values.content, name, fail);
  // API create: an A record's content is "A valid IPv4 address", an AAAA's an IPv6 one.
  const address = known(v.content);
  if ((type === "A" && !isIPv4(String(address))) || (type === "AAAA" && !isIPv6(String(address)))) {
    if (address !== undefined || v.content !== KNOWN_AFTER_APPLY) {
      fail(
        "dns-address-content",
        `an ${String(type)} record's content must be an IPv${type === "A" ? 4 : 6} address, got ${show(v.content)}`,
        API_DNS_CREATE,
      );
    }
  }
  if (type === "CAA") checkCaa(v.data, fail);
  return found;
}

type Fail = (rule: string, message: string, source: string) => void;

function checkCname(content: unknown, name: unknown, fail: Fail): void {
  if (content === KNOWN_AFTER_APPLY) return;
  if (typeof content !== "string" || content.length === 0) {
    fail(
      "dns-cname-content",
      `a CNAME needs content (a hostname), got ${show(content)}`,
      API_DNS_CREATE,
    );
  } else if (typeof name === "string" && sameName(content, name)) {
    // API create, CNAME content: "A valid hostname. Must not match the record's name."
    fail("dns-cname-self", `a CNAME must not point at its own name ${show(name)}`, API_DNS_CREATE);
  }
}

function checkCaa(data: unknown, fail: Fail): void {
  if (data === KNOWN_AFTER_APPLY) return;
  if (!isObject(data)) {
    fail(
      "dns-caa-data",
      `a CAA record needs data { flags, tag, value }, got ${show(data)}`,
      API_DNS_CREATE,
    );
    return;
  }
  // The provider takes flags as a number or a string.
  const flags = known(data.flags);
  if (flags !== undefined && !CAA_FLAGS.some((f) => f === flags || String(f) === flags)) {
    fail(
      "dns-caa-flags",
      `CAA flags must be 0 or 128 (issuer critical), got ${show(flags)}`,
      "RFC 8659 §4.1; " + API_DNS_CREATE,
    );
  }
  const tag = known(data.tag);
  if (tag !== undefined && !CAA_TAGS.includes(tag as string)) {
    fail(
      "dns-caa-tag",
      `CAA tag must be one of ${CAA_TAGS.join(", ")}, got ${show(tag)}`,
      "RFC 8659 §4.2-4.4; " + API_DNS_CREATE,
    );
  }
  const value = known(data.value);
  if (value !== undefined && (typeof value !== "string" || value.length === 0)) {
    fail(
      "dns-caa-value",
      `CAA value must be a non-empty string, got ${show(value)}`,
      API_DNS_CREATE,
    );
  }
}

/** Rules between records: all records of a zone, whichever stack plans them. */
function checkRecordsOfOneZone(records: readonly PlannedCloudflareResource[]): RuleViolation[] {
  const found: RuleViolation[] = [];
  const byName = new Map<string, PlannedCloudflareResource[]>();
  for (const r of records) {
    const name = known(r.values.name);
    const zone = r.zone ?? known(r.values.zone_id);
    if (typeof name !== "string" || typeof zone !== "string") continue;
    const key = `${zone}\u0000${normalName(name)}`;
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  for (const group of byName.values()) {
    found.push(...cnameAlone(group), ...nsAlone(group), ...identicalRecords(group));
  }
  return found;
}

/**
 * A CNAME is alone at its name. Cloudflare refuses a CNAME beside an A, AAAA or CNAME
 * (81053) and an A/AAAA beside a CNAME (81054), whichever comes first; RFC 1034 §3.6.2 forbids any other data
 * beside a CNAME, since resolvers follow the CNAME and never see it (a CAA next to a
 * CNAME does not apply). At the zone apex Cloudflare flattens the CNAME
 * (CNAME flattening), so other types may sit there.
 */
function cnameAlone(group: PlannedCloudflareResource[]): RuleViolation[] {
  const cnames = group.filter((r) => recordType(r.values) === "CNAME");
  if (cnames.length === 0) return [];
  const found: RuleViolation[] = [];
  for (const cname of cnames) {
    const name = String(cname.values.name);
    const apex = cname.zone !== undefined && normalName(name) === cname.zone;
    for (const other of group) {
      if (other === cname) continue;
      const type = recordType(other.values);
      const addressRecord = ["A", "AAAA", "CNAME"].includes(type as string);
      // Two CNAMEs: report the pair once.
      if (type === "CNAME" && group.indexOf(other) < group.indexOf(cname)) continue;
      if (!addressRecord && (apex || cname.zone === undefined)) continue;
      found.push({
        resource: resourceName(cname),
        rule: "dns-cname-alone",
        message:
          `a CNAME must be the only record at ${show(name)}, but ${resourceName(other)} ` +
          `plans a record of type ${String(type)} there too` +
          (addressRecord ? " (Cloudflare errors 81053/81054)" : ""),
        source: addressRecord ? SAME_NAME : `RFC 1034 §3.6.2; ${CNAME_FLATTENING}`,
      });
    }
  }
  return found;
}

/** API create: "NS records cannot exist on the same name as any other record type." */
function nsAlone(group: PlannedCloudflareResource[]): RuleViolation[] {
  const ns = group.find((r) => recordType(r.values) === "NS");
  const other = group.find((r) => !["NS", undefined].includes(recordType(r.values) as string));
  if (!ns || !other) return [];
  return [
    {
      resource: resourceName(ns),
      rule: "dns-ns-alone",
      message:
        `NS records must be the only records at ${show(ns.values.name)}, but ` +
        `${resourceName(other)} plans a record of type ${String(recordType(other.values))} there too`,
      source: API_DNS_CREATE,
    },
  ];
}

/** Cloudflare refuses a record identical to one that exists: 81058. */
function identicalRecords(group: PlannedCloudflareResource[]): RuleViolation[] {
  const found: RuleViolation[] = [];
  const seen = new Map<string, PlannedCloudflareResource>();
  for (const r of group) {
    if (recordType(r.values) === "CNAME") continue; // two CNAMEs at one name: dns-cname-alone
    const identity = recordIdentity(r.values);
    if (identity === undefined) continue;
    const first = seen.get(identity);
    if (!first) {
      seen.set(identity, r);
      continue;
    }
    found.push({
      resource: resourceName(r),
      rule: "dns-identical-record",
      message:
        `plans the same ${String(r.values.type)} record at ${show(r.values.name)} as ` +
        `${resourceName(first)} (Cloudflare error 81058: an identical record already exists)`,
      source: SAME_NAME,
    });
  }
  return found;
}

/** Type and content (or data) of a record, or undefined while any part is unknown. */
function recordIdentity(values: Json): string | undefined {
  const parts = [values.type, values.content, values.data, values.priority];
  if (parts.some(hasUnknown)) return undefined;
  const content = typeof values.content === "string" ? normalName(values.content) : values.content;
  return JSON.stringify([recordType(values), content, sortKeys(values.data), values.priority]);
}

// API order: type "advanced"; hosts must contain the zone apex, at most 50, not empty;
// certificate_authority google|lets_encrypt|ssl_com; validation_method txt|http|email;
// validity_days 14|30|90|365.
const PACK_TYPES = ["advanced"];
const MAX_PACK_HOSTS = 50;
const AUTHORITIES = ["google", "lets_encrypt", "ssl_com"];
const VALIDATION_METHODS = ["txt", "http", "email"];
const VALIDITY_DAYS = [14, 30, 90, 365];
// Certificate authorities page: Let's Encrypt supports validity periods of 90 days only.
const VALIDITY_BY_AUTHORITY: Record<string, number[]> = { lets_encrypt: [90] };

function checkCertificatePack(r: PlannedCloudflareResource): RuleViolation[] {
  const v = r.values;
  const found: RuleViolation[] = [];
  const fail = (rule: string, message: string, source = API_PACK_ORDER) =>
    found.push({ resource: resourceName(r), rule, message, source });
  oneOf(v.type, PACK_TYPES, "type", "pack-type", fail);
  oneOf(v.certificate_authority, AUTHORITIES, "certificate_authority", "pack-authority", fail);
  oneOf(
    v.validation_method,
    VALIDATION_METHODS,
    "validation_method",
    "pack-validation-method",
    fail,
  );
  const days = known(v.validity_days);
  const authority = known(v.certificate_authority);
  if (oneOf(days, VALIDITY_DAYS, "validity_days", "pack-validity-days", fail)) {
    const allowed = typeof authority === "string" ? VALIDITY_BY_AUTHORITY[authority] : undefined;
    if (allowed && !allowed.includes(days as number)) {
      fail(
        "pack-validity-days",
        `validity_days with ${String(authority)} must be one of ${allowed.join(", ")}, got ${show(days)}`,
        CERTIFICATE_AUTHORITIES,
      );
    }
  }
  const hosts = known(v.hosts);
  if (hosts === undefined) return found;
  if (!Array.isArray(hosts) || hosts.length === 0) {
    fail("pack-hosts", `hosts must list 1 to ${MAX_PACK_HOSTS} hostnames, got ${show(hosts)}`);
    return found;
  }
  if (hosts.length > MAX_PACK_HOSTS) {
    fail("pack-hosts", `hosts may list at most ${MAX_PACK_HOSTS} hostnames, got ${hosts.length}`);
  }
  const names = hosts.filter((h): h is string => typeof h === "string" && h !== KNOWN_AFTER_APPLY);
  if (r.zone && names.length === hosts.length && !names.some((h) => sameName(h, r.zone!))) {
    fail("pack-hosts-apex", `hosts must contain the zone apex ${r.zone}, got ${show(hosts)}`);
  }
  return found;
}

function checkTotalTls(r: PlannedCloudflareResource): RuleViolation[] {
  const found: RuleViolation[] = [];
  const fail = (rule: string, message: string) =>
    found.push({ resource: resourceName(r), rule, message, source: API_TOTAL_TLS });
  const enabled = known(r.values.enabled);
  // The API's `enabled` is a required boolean.
  if (r.values.enabled !== KNOWN_AFTER_APPLY && typeof enabled !== "boolean") {
    fail("total-tls-enabled", `enabled must be true or false, got ${show(r.values.enabled)}`);
  }
  // Optional: the CA Total TLS certificates are issued through.
  const authority = r.values.certificate_authority;
  if (authority !== undefined && authority !== null) {
    oneOf(authority, AUTHORITIES, "certificate_authority", "total-tls-authority", fail);
  }
  return found;
}

/** Reports a known value outside `allowed`; true when the value is known and allowed. */
function oneOf(
  value: unknown,
  allowed: readonly unknown[],
  key: string,
  rule: string,
  fail: (rule: string, message: string) => void,
): boolean {
  if (value === KNOWN_AFTER_APPLY) return false;
  if (allowed.includes(value)) return true;
  fail(rule, `${key} must be one of ${allowed.map(show).join(", ")}, got ${show(value)}`);
  return false;
}

// --- helpers ------------------------------------------------------------------------

/** The record type in upper case (the provider takes any case), or the value as planned. */
function recordType(values: Json): unknown {
  const type = known(values.type);
  return typeof type === "string" ? type.toUpperCase() : type;
}

/** The value, or undefined when it is unknown at plan time. */
function known(value: unknown): unknown {
  return value === KNOWN_AFTER_APPLY ? undefined : value;
}

function hasUnknown(value: unknown): boolean {
  if (value === KNOWN_AFTER_APPLY) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  return isObject(value) && Object.values(value).some(hasUnknown);
}

/** DNS names compare case-insensitively; a trailing dot names the same node. */
export function normalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

function inZone(name: string, zone: string): boolean {
  const n = normalName(name);
  return n === zone || n.endsWith(`.${zone}`);
}

function resourceName(r: PlannedCloudflareResource): string {
  return `${r.stack}: ${r.address}`;
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

function sortKeys(value: unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
