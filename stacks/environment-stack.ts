// One Terraform stack per environment: providers, backend, then the modules.
import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { ResolvedEnvironment } from "../config/resolve";
import { Certificate } from "../modules/certificate";
import { dnsProvidersFor } from "../modules/dns";
import { AwsProvider } from "../modules/provider-imports";
import { ValidationRecords } from "../modules/validation-records";
import { configureBackend } from "./backend";

export interface EnvironmentStackProps {
  /** The environment, resolved from the config file. */
  readonly environment: ResolvedEnvironment;
}

export class EnvironmentStack extends TerraformStack {
  readonly certificates = new Map<string, Certificate>();

  /** The stack's id is the environment's name: `cdktf deploy <name>`. */
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.name);
    configureBackend(this, env.backend, env.region);
    new AwsProvider(this, "aws", {
      region: env.region,
      // A stack for one account can never be applied to another.
      allowedAccountIds: env.accountId ? [env.accountId] : undefined,
      defaultTags: [{ tags: env.tags }],
    });
    const dns = dnsProvidersFor(this);

    for (const c of env.certificates) {
      this.certificates.set(
        c.name,
        new Certificate(this, c.name, {
          domains: c.domains,
          keyAlgorithm: c.keyAlgorithm,
          transparencyLogging: c.transparencyLogging,
          exportable: c.exportable,
          validationTimeoutMinutes: c.validationTimeoutMinutes,
          tags: { Name: `${env.tags.project ? `${env.tags.project}-` : ""}${env.name}-${c.name}`, ...c.tags },
        }),
      );
    }
    new ValidationRecords(this, "validation-records", {
      records: env.validationRecords,
      certificates: this.certificates,
      dns,
      environment: env.name,
      ownedElsewhere: env.validationRecordsOwnedElsewhere,
    });

    for (const [name, cert] of this.certificates) {
      new TerraformOutput(this, `certificate_arn_${name}`, {
        value: cert.arn,
        description: `ARN of certificate ${name} (${cert.domains.join(", ")}), once issued.`,
      });
    }
  }
}
