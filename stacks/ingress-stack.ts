// `<env>-ingress`: app records for ALBs the AWS Load Balancer Controller makes.
// Deployed after the Ingress carries the certificate ARN, because the ALB (and
// so the lookup) exists only then; the environment's stack never waits for it.
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import type { ResolvedBackend, ResolvedCertificate, ResolvedEnvironment } from "../config/resolve";
import { ingressStackName } from "../config/stack-names";
import { IngressGroup, ingressGroups } from "../domains/ingress-groups";
import { AppRecords } from "../modules/app-records";
import { dnsProvidersFor } from "../modules/dns";
import { AlbIngressLookup } from "../modules/endpoints/alb-ingress-lookup";
import { Namespace } from "../modules/namespace";
import { addAwsProvider } from "./aws-provider";
import { configureBackend } from "./backend";
import { Outputs } from "./outputs";

export interface IngressStackProps {
  /** The environment whose controller-managed ALBs this stack points records at. */
  readonly environment: ResolvedEnvironment;
  /** Where this stack's state lives (next to the environment's). */
  readonly backend: ResolvedBackend;
  /** The project root as seen from the stack's folder, where relative local state paths start. @default "../../.." */
  readonly projectRoot?: string;
}

export class IngressStack extends TerraformStack {
  constructor(scope: Construct, props: IngressStackProps) {
    const env = props.environment;
    super(scope, ingressStackName(env.name));
    configureBackend(this, props.backend, env.region, props.projectRoot);
    addAwsProvider(this, env, env.region);
    const dns = dnsProvidersFor(this, { region: env.region });
    // Config names in scopes of their own (see modules/namespace.ts).
    const albs = new Construct(this, "alb-lookups");
    const records = new Namespace(this, "app-records");
    const outputs = new Outputs(this, "outputs");
    const lookups = new Map<IngressGroup<ResolvedCertificate>, AlbIngressLookup>();
    const groupOf = new Map(
      ingressGroups(env.certificates, (c) =>
        c.attach?.kind === "alb-ingress" ? c.attach : undefined,
      ).flatMap((g) => g.certificates.map((c) => [c, g] as const)),
    );
    // Certificate by certificate, in config order: the order of the constructs and so of the JSON.
    for (const c of env.certificates) {
      const group = groupOf.get(c);
      if (!group || !c.hostnames.length) continue;
      // Config rules refuse two groups with one lookupId.
      const lookup = lookups.get(group) ?? new AlbIngressLookup(albs, group.lookupId, group);
      lookups.set(group, lookup);
      new AppRecords(records, records.id(c.name), {
        hostnames: c.hostnames,
        target: lookup.target,
        dns,
        description: `${env.name} ${c.name} (ingress ${group.ingressGroup})`,
      });
      outputs.add(`endpoint_${c.name}`, { value: lookup.target.dnsName });
    }
    outputs.addReportedRecords(dns);
  }
}
