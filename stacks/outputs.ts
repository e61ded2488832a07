// A stack's outputs, in a scope of their own: an output's name is its construct
// id there, so no config name can meet one of certkit's construct ids, and the
// output keeps exactly the name given (overrideLogicalId).
import { Construct } from "constructs";
import { TerraformOutput, type TerraformOutputConfig } from "cdktf";
import type { DnsProviders } from "../modules/dns";

/** The output listing the records of external zones. */
export const EXTERNAL_DNS_RECORDS_OUTPUT = "external_dns_records";

export class Outputs extends Construct {
  /** Adds the output `name`; config rules make every name in a stack unique. */
  add(name: string, config: TerraformOutputConfig): TerraformOutput {
    const output = new TerraformOutput(this, name, config);
    output.overrideLogicalId(name);
    return output;
  }

  /** `external_dns_records`: what hosts certkit cannot write to need, when there is any. */
  addReportedRecords(dns: DnsProviders): void {
    const records = dns.reportedRecords();
    if (!records.length) return;
    this.add(EXTERNAL_DNS_RECORDS_OUTPUT, {
      value: records,
      description:
        "Records certkit cannot write (external zones): create each (name, type, value; why: validation or app) at the zone's DNS host. Validation waits for them until validationTimeoutMinutes.",
    });
  }
}
