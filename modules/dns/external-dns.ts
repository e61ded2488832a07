// A DNS host Terraform does not manage: certkit writes nothing there and lists
// each record for someone to create (the stack's output external_dns_records).
import { Construct } from "constructs";
import type { ZoneRoute } from "../../domains/zones";
import {
  type DnsProvider,
  type DnsRecordRef,
  type DnsRecordSpec,
  type ReportedRecord,
  caaText,
  noProxy,
} from "./dns-provider";

export class ExternalDns extends Construct implements DnsProvider {
  readonly kind = "external";
  private readonly records: ReportedRecord[] = [];

  addRecord(spec: DnsRecordSpec): DnsRecordRef {
    this.records.push({
      name: spec.name,
      type: spec.type,
      // An alias needs a host that has them: here the endpoint's name is the CNAME's value.
      value: spec.type === "CNAME" ? spec.content : caaText(spec),
      why: spec.purpose,
    });
    // The name ACM gave, so that validation waits for the record someone else creates.
    return { fqdn: spec.name };
  }

  reportedRecords(): readonly ReportedRecord[] {
    return this.records;
  }

  requireStrictTls(zone: ZoneRoute): void {
    throw noProxy(this, "an external DNS host", zone);
  }

  orderEdgeCertificate(zone: ZoneRoute): void {
    throw noProxy(this, "an external DNS host", zone);
  }

  coverEveryProxiedName(zone: ZoneRoute): void {
    throw noProxy(this, "an external DNS host", zone);
  }
}
