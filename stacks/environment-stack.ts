// One Terraform stack per environment: providers, backend, then the modules.
import { Construct } from "constructs";
import type { ResolvedEnvironment } from "../config/resolve";
import { ingressStackName } from "../config/stack-names";
import { baseName } from "../domains/names";
import { Certificate } from "../modules/certificate";
import { dnsProvidersFor } from "../modules/dns";
import { Endpoints } from "../modules/endpoints/endpoints";
import { Namespace } from "../modules/namespace";
import type { AwsProvider } from "../modules/provider-imports";
import { ValidationRecords } from "../modules/validation-records";
import { addAwsProvider } from "./aws-provider";
import { configureBackend } from "./backend";
import { addExpiryWatch } from "./expiry-watch";
import { Outputs } from "./outputs";
import { SelfContainedStack } from "./cdktf-workarounds";

export interface EnvironmentStackProps {
  /** The environment, resolved from the config file. */
  readonly environment: ResolvedEnvironment;
  /** The project root as seen from the stack's folder, where relative local state paths start. @default "../../.." */
  readonly projectRoot?: string;
}

/** Built from the config alone, it reads no other stack's values (see cdktf-workarounds.ts). */
export class EnvironmentStack extends SelfContainedStack {
  readonly certificates = new Map<string, Certificate>();
  private readonly awsProviders = new Map<string, AwsProvider>();
  private readonly environment: ResolvedEnvironment;

  /** The stack's id is the environment's name: `cdktf deploy <name>`. */
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.name);
    this.environment = env;
    configureBackend(this, env.backend, env.region, props.projectRoot);
    this.createAwsProvider(env.region);
    const dns = dnsProvidersFor(this, { region: env.region });

    // Config names in scopes of their own: a certificate may be named `backend` or `aws`.
    const certificates = new Namespace(this, "certificates");
    const outputs = new Outputs(this, "outputs");
    for (const c of env.certificates) {
      this.certificates.set(
        c.name,
        new Certificate(certificates, certificates.id(c.name), {
          resourceName: c.name,
          domains: c.domains,
          keyAlgorithm: c.keyAlgorithm,
          transparencyLogging: c.transparencyLogging,
          exportable: c.exportable,
          validationTimeoutMinutes: c.validationTimeoutMinutes,
          waitForValidation: c.waitForValidation,
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
      ttlSeconds: new Map(env.certificates.map((c) => [c.name, c.validationTtlSeconds])),
    });
    addExpiryWatch(this, outputs, env, this.certificates, (region) => this.awsProvider(region));

    const endpoints = new Endpoints(this, "endpoints", {
      certificates: env.certificates,
      built: this.certificates,
      dns,
      environment: env.name,
    });

    this.addOutputs(outputs, endpoints);
    outputs.addReportedRecords(dns);
  }

  /** What consumers read after apply: ARNs, endpoints, hostnames, Helm values. */
  private addOutputs(outputs: Outputs, endpoints: Endpoints): void {
    const env = this.environment;
    for (const c of env.certificates) {
      const cert = this.certificates.get(c.name)!;
      outputs.add(`certificate_arn_${c.name}`, {
        value: cert.arn,
        description: `ARN of certificate ${c.name} (${c.domains.join(", ")}) in ${c.region}, once issued.`,
      });
      if (cert.validation) {
        outputs.add(`certificate_validation_${c.name}`, {
          value: cert.validation.id,
          description: `Set once ACM has issued certificate ${c.name}.`,
        });
      }
      // As terraform-aws-acm gives them, so that records can be written outside certkit.
      outputs.add(`validation_records_${c.name}`, {
        value: cert.validationRecords(),
        description: `Validation records of certificate ${c.name}, one per validated name: domain_name, resource_record_name, resource_record_type, resource_record_value.`,
      });
      outputs.add(`validation_names_${c.name}`, {
        value: [...new Set(c.domains.map(baseName))],
        description: `The distinct names ACM validates for certificate ${c.name} (a wildcard shares its base name's record).`,
      });
      outputs.add(`certificate_status_${c.name}`, {
        value: cert.certificate.status,
        description: `ACM status of certificate ${c.name} (PENDING_VALIDATION, ISSUED, ...).`,
      });
      const target = endpoints.targets.get(c.name);
      if (target)
        outputs.add(`endpoint_${c.name}`, {
          value: target.dnsName,
          description: `Where ${c.name}'s hostnames point.`,
        });
      if (c.hostnames.length) {
        outputs.add(`hostnames_${c.name}`, { value: c.hostnames.map((h) => h.name) });
      }
    }
    for (const h of endpoints.ingressHandovers) {
      outputs.add(h.output, {
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
