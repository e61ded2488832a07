// The validation CNAMEs of one environment: one per distinct name, DNS-only,
// kept as long as a certificate needs them so that ACM renews on its own.
import { Construct } from "constructs";
import { baseName } from "../domains/names";
import type { ValidationRecordPlan } from "../domains/validation-records";
import type { Certificate } from "./certificate";
import { DNS_TTLS, type DnsProviders, isDnsTtl } from "./dns";

export interface ValidationRecordsProps {
  /**
   * The records to create, de-duplicated and routed to zones (see domains/validation-records),
   * each with the id of an existing record to import, if any.
   */
  readonly records: readonly (ValidationRecordPlan & { readonly adoptRecordId?: string })[];
  /** The environment's certificates by config name. */
  readonly certificates: ReadonlyMap<string, Certificate>;
  /** Where records go. */
  readonly dns: DnsProviders;
  /** Environment name, for the records' comments. */
  readonly environment: string;
  /** Names whose record another environment's stack owns, to owner. @default - none */
  readonly ownedElsewhere?: Readonly<Record<string, string>>;
  /** TTL of each certificate's records (see DNS_TTLS); certificates sharing a record agree. */
  readonly ttlSeconds: ReadonlyMap<string, number>;
}

export class ValidationRecords extends Construct {
  constructor(scope: Construct, id: string, props: ValidationRecordsProps) {
    super(scope, id);
    for (const [cert, ttl] of props.ttlSeconds) {
      if (!isDnsTtl(ttl)) {
        throw new Error(
          `${this.node.path}: TTL of certificate "${cert}"'s validation records must be ${DNS_TTLS}, got ${ttl}.`,
        );
      }
    }
    const waits = new Map([...props.certificates.keys()].map((c) => [c, [] as string[]]));

    for (const record of props.records) {
      const value = this.certificate(props, record.source.certificate).validationRecord(
        record.source.domain,
      );
      const ref = props.dns.addRecord({
        id: record.id,
        zone: record.zone,
        name: value.name,
        type: "CNAME",
        content: value.content,
        // A proxied CNAME is flattened: ACM would never see it.
        proxied: false,
        ttlSeconds: this.ttl(props, record.source.certificate),
        comment: `ACM validation, ${props.environment}: ${record.certificates.join(", ")}. Keep: renewals need it.`,
        purpose: "validation",
        importRecordId: record.adoptRecordId,
      });
      record.certificates.forEach((c) => waits.get(c)?.push(ref.fqdn));
    }

    // Records another stack owns: wait on the name ACM gave this certificate (the same name).
    for (const [name, cert] of props.certificates) {
      const seen = new Set<string>();
      for (const d of cert.domains) {
        const base = baseName(d);
        if (props.ownedElsewhere?.[base] === undefined || seen.has(base)) continue;
        seen.add(base);
        waits.get(name)!.push(cert.validationRecord(d).name);
      }
      cert.waitForRecords(waits.get(name)!);
    }
  }

  private ttl(props: ValidationRecordsProps, certificate: string): number {
    const ttl = props.ttlSeconds.get(certificate);
    if (ttl === undefined)
      throw new Error(
        `${this.node.path}: no TTL for certificate "${certificate}"'s validation records.`,
      );
    return ttl;
  }

  private certificate(props: ValidationRecordsProps, name: string): Certificate {
    const cert = props.certificates.get(name);
    if (!cert)
      throw new Error(`${this.node.path}: no certificate "${name}" for a validation record.`);
    return cert;
  }
}
