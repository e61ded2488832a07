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
  private readonly awsProviders = new Map<string, AwsProvider>();
  private readonly environment: ResolvedEnvironment;

  /** The stack's id is the environment's name: `cdktf deploy <name>`. */
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.name);
    this.environment = env;
    configureBackend(this, env.backend, env.region);
    this.createAwsProvider(env.region);
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
          provider: this.awsProvider(c.region),
          tags: {
            Name: `${env.tags.project ? `${env.tags.project}-` : ""}${env.name}-${c.name}`,
            ...c.tags,
          },
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

  /**
   * The AWS provider resources in `region` need: undefined (the stack's default
   * provider) for the environment's region, else an aliased one such as
   * `aws.us_east_1`, created on first use.
   */
  awsProvider(region: string): AwsProvider | undefined {
    if (region === this.environment.region) return undefined;
    return this.awsProviders.get(region) ?? this.createAwsProvider(region);
  }

  private createAwsProvider(region: string): AwsProvider {
    const env = this.environment;
    const alias = region === env.region ? undefined : region.replace(/-/g, "_");
    const provider = new AwsProvider(this, alias ? `aws_${alias}` : "aws", {
      region,
      alias,
      // A stack for one account can never be applied to another.
      allowedAccountIds: env.accountId ? [env.accountId] : undefined,
      defaultTags: [{ tags: env.tags }],
    });
    this.awsProviders.set(region, provider);
    return provider;
  }
}
