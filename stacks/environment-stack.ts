// One Terraform stack per environment: providers, backend, then the modules.
import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { ResolvedEnvironment } from "../config/resolve";
import { ingressStackName } from "../config/stack-names";
import { safeIdPart } from "../domains/names";
import { Certificate } from "../modules/certificate";
import { dnsProvidersFor } from "../modules/dns";
import { Endpoints } from "../modules/endpoints/endpoints";
import type { AwsProvider } from "../modules/provider-imports";
import { ValidationRecords } from "../modules/validation-records";
import { addAwsProvider } from "./aws-provider";
import { configureBackend } from "./backend";
import { addExpiryWatch } from "./expiry-watch";
import { SelfContainedStack } from "./self-contained-stack";

export interface EnvironmentStackProps {
  /** The environment, resolved from the config file. */
  readonly environment: ResolvedEnvironment;
}

/** Built from the config alone, it reads no other stack's values (see self-contained-stack.ts). */
export class EnvironmentStack extends SelfContainedStack {
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
          importArn: c.adoptArn,
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
    addExpiryWatch(this, env, this.certificates, (region) => this.awsProvider(region));

    const endpoints = new Endpoints(this, "endpoints", {
      certificates: env.certificates,
      built: this.certificates,
      dns,
      environment: env.name,
    });

    this.addOutputs(endpoints);
  }

  /** What consumers read after apply: ARNs, endpoints, hostnames, Helm values. */
  private addOutputs(endpoints: Endpoints): void {
    const env = this.environment;
    for (const c of env.certificates) {
      const cert = this.certificates.get(c.name)!;
      new TerraformOutput(this, `certificate_arn_${c.name}`, {
        value: cert.arn,
        description: `ARN of certificate ${c.name} (${c.domains.join(", ")}) in ${c.region}, once issued.`,
      });
      new TerraformOutput(this, `certificate_validation_${c.name}`, {
        value: cert.validation.id,
        description: `Set once ACM has issued certificate ${c.name}.`,
      });
      const target = endpoints.targets.get(c.name);
      if (target)
        new TerraformOutput(this, `endpoint_${c.name}`, {
          value: target,
          description: `Where ${c.name}'s hostnames point.`,
        });
      if (c.hostnames.length) {
        new TerraformOutput(this, `hostnames_${c.name}`, { value: c.hostnames.map((h) => h.name) });
      }
    }
    for (const h of endpoints.ingressHandovers) {
      new TerraformOutput(this, `helm_values_${safeIdPart(`${h.cluster}_${h.ingressGroup}`)}`, {
        value: h.helmValues,
        description: `Ingress annotations for group ${h.ingressGroup} on cluster ${h.cluster}; deploy the ${ingressStackName(env.name)} stack once the ALB exists.`,
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
    const provider = addAwsProvider(this, this.environment, region);
    this.awsProviders.set(region, provider);
    return provider;
  }
}
