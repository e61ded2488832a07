// Wires each certificate to what serves it and points its hostnames there.
// Controller-made ALBs are the exception: their records live in the ingress
// stack (the ALB exists only once the Ingress has the certificate ARN).
import { Construct } from "constructs";
import type { ResolvedCertificate } from "../../config/resolve";
import { albId, loadBalancerOfListener } from "../../domains/aws-names";
import { ingressGroups } from "../../domains/ingress-groups";
import { AppRecords } from "../app-records";
import { Namespace } from "../namespace";
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
  /** EKS cluster the controller runs in. */
  readonly cluster: string;
  /** Ingress group name, or `<namespace>/<ingress>`. */
  readonly ingressGroup: string;
  /** The stack output that carries `helmValues`: `helm_values_<cluster>_<group>`. */
  readonly output: string;
  /** Ready-to-paste Helm values (the ARNs are Terraform references). */
  readonly helmValues: string;
}

export class Endpoints extends Construct {
  /** What each certificate's hostnames point at, by certificate name. */
  readonly targets = new Map<string, string>();
  /** Helm values per Ingress group of the AWS Load Balancer Controller. */
  readonly ingressHandovers: IngressHandover[] = [];
  private readonly albLookups = new Map<string, string>();
  private readonly props: EndpointsProps;
  // Each kind of child in a scope of its own: certificate names never meet ALB ids.
  private readonly sites = new Namespace(this, "certificates");
  private readonly appRecords = new Namespace(this, "app-records");
  private readonly albs = new Construct(this, "albs");
  private readonly lookups = new Construct(this, "alb-lookups");

  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    this.props = props;
    this.ownedAlbs(props.certificates);
    for (const c of props.certificates) {
      const target = this.serve(c);
      if (!target) continue;
      this.targets.set(c.name, target);
      if (c.hostnames.length) {
        new AppRecords(this.appRecords, this.appRecords.id(c.name), {
          hostnames: c.hostnames,
          target,
          dns: props.dns,
          description: `${props.environment} ${c.name}`,
        });
      }
    }
    this.handOverToIngresses(props.certificates);
  }

  private arn(c: ResolvedCertificate): string {
    return this.props.built.get(c.name)!.arn;
  }

  /**
   * Puts the certificate on its endpoint; returns what its hostnames point at.
   * Controller-made ALBs return nothing: their records live in the ingress stack.
   */
  private serve(c: ResolvedCertificate): string | undefined {
    const a = c.attach;
    switch (a?.kind) {
      case undefined:
        return c.target;
      case "alb-listener":
        new ListenerCertificate(this.sites, this.sites.id(c.name), {
          resourceName: c.name,
          listenerArn: a.listenerArn,
          certificateArn: this.arn(c),
        });
        return a.dnsName ?? this.albDnsName(loadBalancerOfListener(a.listenerArn));
      case "alb-owned":
        return a.dnsName ?? this.albDnsName(a.loadBalancerArn);
      case "alb-dns":
        return a.dnsName;
      case "cloudfront":
        return new CloudFrontSite(this.sites, this.sites.id(c.name), {
          resourceName: c.name,
          certificateArn: this.arn(c),
          aliases: c.hostnames.map((h) => h.name),
          origin: a.origin,
          originPath: a.originPath,
          priceClass: a.priceClass,
          cachePolicyId: a.cachePolicyId,
          originRequestPolicyId: a.originRequestPolicyId,
          minimumProtocolVersion: a.minimumProtocolVersion,
          webAclId: a.webAclId,
          comment: `certkit ${this.props.environment}/${c.name}`,
        }).domainName;
      case "alb-ingress":
        return undefined;
    }
  }

  /** One Helm snippet per Ingress group: every certificate of the group, in config order. */
  private handOverToIngresses(certs: readonly ResolvedCertificate[]): void {
    const groups = ingressGroups(certs, (c) =>
      c.attach?.kind === "alb-ingress" ? c.attach : undefined,
    );
    for (const g of groups) {
      this.ingressHandovers.push({
        cluster: g.cluster,
        ingressGroup: g.ingressGroup,
        output: g.output,
        helmValues: ingressAnnotationsYaml({
          certificateArns: g.certificates.map((c) => this.arn(c)),
          ingressGroup: g.ingressGroup,
          sslPolicy: g.sslPolicy,
          scheme: g.scheme,
        }),
      });
    }
  }

  /** One listener pair per ALB certkit owns; its certificates in name order, the first the default. */
  private ownedAlbs(certs: readonly ResolvedCertificate[]): void {
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
      new AlbListeners(this.albs, albId(lbArn), {
        loadBalancerArn: lbArn,
        targetGroupArn: first.targetGroupArn,
        sslPolicy: first.sslPolicy,
        certificates: [...group]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => ({ name: c.name, arn: this.arn(c) })),
      });
    }
  }

  /** The DNS name of an ALB by ARN, looked up once per ALB (needs AWS access at plan time). */
  private albDnsName(lbArn: string): string {
    let name = this.albLookups.get(lbArn);
    if (!name) {
      const id = albId(lbArn);
      const lb = new DataAwsLb(this.lookups, id, { arn: lbArn });
      lb.overrideLogicalId(id);
      name = lb.dnsName;
      this.albLookups.set(lbArn, name);
    }
    return name;
  }
}
