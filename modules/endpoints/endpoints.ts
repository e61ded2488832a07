// Wires each certificate to what serves it and points its hostnames there.
// Controller-made ALBs are the exception: their records live in the ingress
// stack (the ALB exists only once the Ingress has the certificate ARN).
import { Construct } from "constructs";
import type { ResolvedCertificate } from "../../config/resolve";
import { safeIdPart } from "../../domains/names";
import { AppRecords } from "../app-records";
import type { Certificate } from "../certificate";
import type { DnsProviders } from "../dns";
import { DataAwsLb } from "../provider-imports";
import { AlbListeners, ListenerCertificate } from "./alb-listeners";
import { CloudFrontSite } from "./cloudfront-site";
import { ingressAnnotationsYaml } from "./ingress-annotations";

export interface EndpointsProps {
  /** The environment's certificates as configured. */
  readonly certificates: readonly ResolvedCertificate[];
  /** The certificate constructs, by name. */
  readonly built: ReadonlyMap<string, Certificate>;
  /** Where app records go. */
  readonly dns: DnsProviders;
  /** Environment name, for comments. */
  readonly environment: string;
}

/** An Ingress group's certificates and the annotations that hand them over. */
export interface IngressHandover {
  readonly cluster: string;
  readonly ingressGroup: string;
  /** Ready-to-paste Helm values (the ARNs are Terraform references). */
  readonly helmValues: string;
}

export class Endpoints extends Construct {
  /** What each certificate's hostnames point at, by certificate name. */
  readonly targets = new Map<string, string>();
  readonly ingressHandovers: IngressHandover[] = [];
  private readonly albLookups = new Map<string, string>();

  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    const arn = (c: ResolvedCertificate) => props.built.get(c.name)!.arn;
    this.ownedAlbs(props.certificates, arn);
    const ingress = new Map<
      string,
      { cluster: string; group: string; sslPolicy: string; arns: string[] }
    >();

    for (const c of props.certificates) {
      const a = c.attach;
      let target = c.target;
      switch (a?.kind) {
        case "alb-listener":
          new ListenerCertificate(this, c.name, {
            listenerArn: a.listenerArn,
            certificateArn: arn(c),
          });
          target = a.dnsName ?? this.albDnsName(loadBalancerOfListener(a.listenerArn));
          break;
        case "alb-owned":
          target = a.dnsName ?? this.albDnsName(a.loadBalancerArn);
          break;
        case "alb-dns":
          target = a.dnsName;
          break;
        case "cloudfront":
          target = new CloudFrontSite(this, c.name, {
            ...a,
            certificateArn: arn(c),
            aliases: c.hostnames.map((h) => h.name),
            comment: `certkit ${props.environment}/${c.name}`,
          }).domainName;
          break;
        case "alb-ingress": {
          const key = `${a.cluster}/${a.ingressGroup}`;
          const group = ingress.get(key) ?? {
            cluster: a.cluster,
            group: a.ingressGroup,
            sslPolicy: a.sslPolicy,
            arns: [],
          };
          group.arns.push(arn(c));
          ingress.set(key, group);
          continue; // records: see IngressStack
        }
      }
      if (!target) continue;
      this.targets.set(c.name, target);
      if (c.hostnames.length) {
        new AppRecords(this, `app-${c.name}`, {
          hostnames: c.hostnames,
          target,
          dns: props.dns,
          description: `${props.environment} ${c.name}`,
        });
      }
    }
    for (const g of ingress.values()) {
      this.ingressHandovers.push({
        cluster: g.cluster,
        ingressGroup: g.group,
        helmValues: ingressAnnotationsYaml({
          certificateArns: g.arns,
          ingressGroup: g.group,
          sslPolicy: g.sslPolicy,
        }),
      });
    }
  }

  /** One listener pair per ALB certkit owns; its certificates in name order, the first the default. */
  private ownedAlbs(
    certs: readonly ResolvedCertificate[],
    arn: (c: ResolvedCertificate) => string,
  ): void {
    const byAlb = new Map<string, ResolvedCertificate[]>();
    for (const c of certs) {
      if (c.attach?.kind === "alb-owned")
        byAlb.set(c.attach.loadBalancerArn, [...(byAlb.get(c.attach.loadBalancerArn) ?? []), c]);
    }
    for (const [lbArn, group] of byAlb) {
      const first = group[0].attach as Extract<
        ResolvedCertificate["attach"],
        { kind: "alb-owned" }
      >;
      new AlbListeners(this, `alb_${albName(lbArn)}`, {
        loadBalancerArn: lbArn,
        targetGroupArn: first.targetGroupArn,
        sslPolicy: first.sslPolicy,
        certificates: [...group]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => ({ name: c.name, arn: arn(c) })),
      });
    }
  }

  /** The DNS name of an ALB by ARN, looked up once per ALB (needs AWS access at plan time). */
  private albDnsName(lbArn: string): string {
    let name = this.albLookups.get(lbArn);
    if (!name) {
      const id = `alb_${albName(lbArn)}`;
      const lb = new DataAwsLb(this, `lookup-${id}`, { arn: lbArn });
      lb.overrideLogicalId(id);
      name = lb.dnsName;
      this.albLookups.set(lbArn, name);
    }
    return name;
  }
}

/** `...:listener/app/<name>/<lb-id>/<listener-id>` -> `...:loadbalancer/app/<name>/<lb-id>`. */
export function loadBalancerOfListener(listenerArn: string): string {
  return listenerArn.replace(":listener/", ":loadbalancer/").replace(/\/[0-9a-f]+$/, "");
}

/** `<name>_<id>` of an ALB ARN: unique per region and account, and a valid Terraform id part. */
function albName(lbArn: string): string {
  const [, name, id] = lbArn.split(":loadbalancer/")[1].split("/");
  return safeIdPart(`${name}_${id}`);
}
