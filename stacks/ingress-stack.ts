// `<env>-ingress`: app records for ALBs the AWS Load Balancer Controller makes.
// Deployed after the Ingress carries the certificate ARN, because the ALB (and
// so the lookup) exists only then; the environment's stack never waits for it.
import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { ResolvedEnvironment } from "../config/resolve";
import { INGRESS_STACK_SUFFIX } from "../config/endpoint-rules";
import { safeIdPart } from "../domains/names";
import { AppRecords } from "../modules/app-records";
import { dnsProvidersFor } from "../modules/dns";
import { AlbIngressLookup } from "../modules/endpoints/alb-ingress-lookup";
import { addAwsProvider } from "./aws-provider";
import { companionBackend, configureBackend } from "./backend";

export interface IngressStackProps {
  /** The environment whose controller-managed ALBs this stack points records at. */
  readonly environment: ResolvedEnvironment;
}

export class IngressStack extends TerraformStack {
  /** Whether an environment needs one: a certificate on a controller ALB with hostnames. */
  static isNeeded(env: ResolvedEnvironment): boolean {
    return env.certificates.some((c) => c.attach?.kind === "alb-ingress" && c.hostnames.length > 0);
  }

  constructor(scope: Construct, props: IngressStackProps) {
    const env = props.environment;
    super(scope, `${env.name}${INGRESS_STACK_SUFFIX}`);
    configureBackend(this, companionBackend(env.backend, INGRESS_STACK_SUFFIX), env.region);
    addAwsProvider(this, env, env.region);
    const dns = dnsProvidersFor(this);
    const lookups = new Map<string, AlbIngressLookup>();
    for (const c of env.certificates) {
      if (c.attach?.kind !== "alb-ingress" || !c.hostnames.length) continue;
      const id = `alb_${safeIdPart(`${c.attach.cluster}_${c.attach.ingressGroup}`)}`;
      const lookup = lookups.get(id) ?? new AlbIngressLookup(this, id, c.attach);
      lookups.set(id, lookup);
      new AppRecords(this, `app-${c.name}`, {
        hostnames: c.hostnames,
        target: lookup.dnsName,
        dns,
        description: `${env.name} ${c.name} (ingress ${c.attach.ingressGroup})`,
      });
      new TerraformOutput(this, `endpoint_${c.name}`, { value: lookup.dnsName });
    }
  }
}
