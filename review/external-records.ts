// The records of an environment that certkit cannot write (zones at a DNS host
// without a Terraform provider, `external.zones`): what to create by hand, and
// when. Read from the resolved model, as the stack's `external_dns_records`
// output lists them. Pure.
import type { ResolvedEnvironment } from "../config/resolve";
import { ingressStackName } from "../config/stack-names";
import { capabilitiesOf } from "../domains/dns-hosts";
import type { ZoneRoute } from "../domains/zones";
import { EXTERNAL_DNS_RECORDS_OUTPUT } from "../stacks/outputs";
import { appRecordKind, configuredDnsName } from "./certificate-facts";
import { code, table } from "./markdown";

export interface ExternalRecordFact {
  readonly zone: string;
  /** A validation record's name is ACM's `_<hash>.` label over the name it validates. */
  readonly name: string;
  readonly type: "CNAME";
  /** At the zone apex, where the host takes no CNAME: its ALIAS or ANAME record, if it has one. */
  readonly apex: boolean;
  /** Known from the config; undefined: known only once the stack is applied. */
  readonly value?: string;
  readonly why: "validation" | "app";
  /** The certificates the record is for. */
  readonly certificates: readonly string[];
  /** The stack whose output `external_dns_records` gives the value. */
  readonly stack: string;
}

const byHand = (zone: ZoneRoute) => !capabilitiesOf(zone.provider).writesRecords;

/** Validation records first, then app records, each in name order. */
export function externalRecords(env: ResolvedEnvironment): ExternalRecordFact[] {
  const validation = env.validationRecords
    .filter((r) => byHand(r.zone))
    .map(
      (r): ExternalRecordFact => ({
        zone: r.zone.name,
        name: `_<hash>.${r.baseName}`,
        type: "CNAME",
        apex: false,
        why: "validation",
        certificates: r.certificates,
        stack: env.name,
      }),
    );
  const app = env.certificates.flatMap((c) =>
    c.hostnames
      .filter((h) => byHand(h.zone))
      .map((h): ExternalRecordFact => {
        const value = configuredDnsName(c);
        return {
          zone: h.zone.name,
          name: h.name,
          type: "CNAME",
          apex: appRecordKind(c, h) === "ALIAS or ANAME",
          ...(value === undefined ? {} : { value }),
          why: "app",
          certificates: [c.name],
          // A controller-made ALB's records are in the ingress stack (modules/endpoints).
          stack: c.attach?.kind === "alb-ingress" ? ingressStackName(env.name) : env.name,
        };
      }),
  );
  const byName = (a: ExternalRecordFact, b: ExternalRecordFact) => a.name.localeCompare(b.name);
  return [...validation.sort(byName), ...app.sort(byName)];
}

/** The records as a table: zone, name, type, value, why. */
function externalRecordsTable(records: readonly ExternalRecordFact[]): string {
  return table(
    ["Zone", "Name", "Type", "Value", "Why"],
    records.map((r) => [
      code(r.zone),
      code(r.name),
      r.apex ? `ALIAS or ANAME, if the host has one (no ${r.type} at the apex)` : r.type,
      r.value !== undefined
        ? code(r.value)
        : r.why === "validation"
          ? `known after the certificate is requested: from output ${code(EXTERNAL_DNS_RECORDS_OUTPUT)}`
          : `known after \`cdktf deploy ${r.stack}\`: from output ${code(EXTERNAL_DNS_RECORDS_OUTPUT)}`,
      `${r.why === "validation" ? "validation of" : "hostname of"} ${r.certificates.length > 1 ? "certificates" : "certificate"} ${r.certificates.map(code).join(", ")}`,
    ]),
  );
}

/** The validation timeout of the certificates whose records are made by hand, in minutes. */
function longestWait(env: ResolvedEnvironment, records: readonly ExternalRecordFact[]): number {
  const names = new Set(records.flatMap((r) => (r.why === "validation" ? r.certificates : [])));
  return Math.max(
    ...env.certificates.filter((c) => names.has(c.name)).map((c) => c.validationTimeoutMinutes),
  );
}

/**
 * The steps around `cdktf deploy <env>` for records made by hand, and their table.
 * Terraform writes outputs only when an apply ends (checked with terraform 1.11.4),
 * so the validation records come from ACM while the apply waits for them.
 */
export function externalRecordSteps(env: ResolvedEnvironment): {
  before: string[];
  during: string[];
  after: string[];
  table?: string;
} {
  const records = externalRecords(env);
  if (!records.length) return { before: [], during: [], after: [] };
  const known = records.filter((r) => r.value !== undefined);
  const validation = records.filter((r) => r.why === "validation");
  const later = records.filter((r) => r.why === "app" && r.value === undefined);
  const stacks = [...new Set(later.map((r) => r.stack))];
  return {
    before: known.length
      ? [
          `Before \`cdktf deploy ${env.name}\`: create the records of the table below whose value it gives, ` +
            "at the DNS host of their zone (certkit writes no record there).",
        ]
      : [],
    during: validation.length
      ? [
          `While \`cdktf deploy ${env.name}\` waits for validation (up to ${longestWait(env, records)} minutes, ` +
            "`validationTimeoutMinutes`), create the validation records of the table below: ACM gives each one's " +
            "name and value as soon as the certificate is requested (the ACM console, or `aws acm describe-certificate`: " +
            `\`DomainValidationOptions[].ResourceRecord\`). Terraform writes output ${code(EXTERNAL_DNS_RECORDS_OUTPUT)} ` +
            "only when the apply ends: after a timeout, create them from it and deploy again.",
        ]
      : [],
    after: later.length
      ? [
          "Then create the app records of the table below whose value is known only now, from output " +
            `${code(EXTERNAL_DNS_RECORDS_OUTPUT)} (${stacks.map((s) => `\`cdktf output ${s}\``).join(", ")}).`,
        ]
      : [],
    table: externalRecordsTable(records),
  };
}
