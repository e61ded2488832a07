// Wires each certificate to what serves it and points its hostnames there.
// Controller-made ALBs are the exception: their records live in the ingress
// stack (the ALB exists only once the Ingress has the certificate ARN).
import { Construct } from "constructs";
import type { KeyAlgorithm } from "../../domains/acm";
import { albId, loadBalancerOfListener } from "../../domains/aws-names";
import { ingressGroups } from "../../domains/ingress-groups";
import {
  type AppHostname,
  AppRecords,
  type EndpointTarget,
  loadBalancerTarget,
} from "../app-records";
import { Namespace } from "../namespace";
import type { Certificate } from "../certificate";
import type { DnsProviders } from "../dns";
import { DataAwsLb } from "../provider-imports";
import { AlbListeners, ListenerCertificate } from "./alb-listeners";
import { CloudFrontSite, type CloudFrontSiteProps } from "./cloudfront-site";
import { AlbScheme, ingressAnnotationsYaml } from "./ingress-annotations";

/** What serves a certificate. */
export type EndpointAttach =
  /** An ALB the AWS Load Balancer Controller makes: handed the ARN by Ingress annotations, never modified. */
  | {
      readonly kind: "alb-ingress";
      /** EKS cluster the controller runs in. */
      readonly cluster: string;
      /** Ingress group name, or `<namespace>/<ingress>`. */
      readonly ingressGroup: string;
      /** TLS policy of the HTTPS listener, as an annotation. */
      readonly sslPolicy: string;
      /** Who can reach the ALB, as an annotation. */
      readonly scheme: AlbScheme;
    }
  /** An existing HTTPS listener: the certificate is added for SNI. */
  | {
      readonly kind: "alb-listener";
      readonly listenerArn: string;
      /** The ALB's DNS name. @default - looked up from the listener's ALB at plan time */
      readonly dnsName?: string;
    }
  /** An ALB whose listeners certkit owns. */
  | {
      readonly kind: "alb-owned";
      readonly loadBalancerArn: string;
      /** Where HTTPS traffic goes. */
      readonly targetGroupArn: string;
      /** TLS policy of the HTTPS listener. */
      readonly sslPolicy: string;
      /** The ALB's DNS name. @default - looked up from the ALB at plan time */
      readonly dnsName?: string;
    }
  /** Only point hostnames at this ALB. */
  | { readonly kind: "alb-dns"; readonly dnsName: string }
  /** A CloudFront distribution made for the certificate. */
  | ({ readonly kind: "cloudfront" } & Pick<
      CloudFrontSiteProps,
      | "origin"
      | "originPath"
      | "priceClass"
      | "cachePolicyId"
      | "originRequestPolicyId"
      | "minimumProtocolVersion"
      | "webAclId"
    >);

/** A certificate to serve: where, and which hostnames point there. */
export interface EndpointCertificate {
  /** The certificate's name: part of construct ids, resource names and comments. */
  readonly name: string;
  /** Its key algorithm, checked against what the endpoint serves. */
  readonly keyAlgorithm: KeyAlgorithm;
  /** What serves it. @default - nothing: its hostnames point at `target` */
  readonly attach?: EndpointAttach;
  /** App records pointing at the endpoint (or at `target`). */
  readonly hostnames: readonly AppHostname[];
  /** CNAME target of the hostnames when there is no `attach`. @default - no records without `attach` */
  readonly target?: string;
}

export interface EndpointsProps {
  /** The environment's certificates. */
  readonly certificates: readonly EndpointCertificate[];
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
  readonly targets = new Map<string, EndpointTarget>();
  /** Helm values per Ingress group of the AWS Load Balancer Controller. */
  readonly ingressHandovers: IngressHandover[] = [];
  private readonly albLookups = new Map<string, EndpointTarget>();
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

  private arn(c: EndpointCertificate): string {
    const built = this.props.built.get(c.name);
    if (!built) throw new Error(`${this.node.path}: no certificate construct for "${c.name}".`);
    return built.arn;
  }

  /**
   * Puts the certificate on its endpoint; returns what its hostnames point at.
   * Controller-made ALBs return nothing: their records live in the ingress stack.
   */
  private serve(c: EndpointCertificate): EndpointTarget | undefined {
    const a = c.attach;
    switch (a?.kind) {
      case undefined:
        return c.target === undefined ? undefined : { dnsName: c.target };
      case "alb-listener":
        new ListenerCertificate(this.sites, this.sites.id(c.name), {
          resourceName: c.name,
          listenerArn: a.listenerArn,
          certificateArn: this.arn(c),
        });
        return this.albTarget(loadBalancerOfListener(a.listenerArn), a.dnsName);
      case "alb-owned":
        return this.albTarget(a.loadBalancerArn, a.dnsName);
      case "alb-dns":
        return { dnsName: a.dnsName };
      case "cloudfront": {
        const site = new CloudFrontSite(this.sites, this.sites.id(c.name), {
          resourceName: c.name,
          certificateArn: this.arn(c),
          certificateKeyAlgorithm: c.keyAlgorithm,
          aliases: c.hostnames.map((h) => h.name),
          origin: a.origin,
          originPath: a.originPath,
          priceClass: a.priceClass,
          cachePolicyId: a.cachePolicyId,
          originRequestPolicyId: a.originRequestPolicyId,
          minimumProtocolVersion: a.minimumProtocolVersion,
          webAclId: a.webAclId,
          comment: `certkit ${this.props.environment}/${c.name}`,
        });
        return { dnsName: site.domainName, hostedZoneId: site.hostedZoneId };
      }
      case "alb-ingress":
        return undefined;
    }
  }

  /** One Helm snippet per Ingress group: every certificate of the group, in config order. */
  private handOverToIngresses(certs: readonly EndpointCertificate[]): void {
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
  private ownedAlbs(certs: readonly EndpointCertificate[]): void {
    const byAlb = new Map<string, EndpointCertificate[]>();
    for (const c of certs) {
      if (c.attach?.kind === "alb-owned")
        byAlb.set(c.attach.loadBalancerArn, [...(byAlb.get(c.attach.loadBalancerArn) ?? []), c]);
    }
    for (const [lbArn, group] of byAlb) {
      const first = group[0].attach as Extract<EndpointAttach, { kind: "alb-owned" }>;
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

  /**
   * An ALB by ARN: the configured DNS name alone, or both its DNS name and hosted
   * zone looked up once per ALB (needs AWS access at plan time).
   */
  private albTarget(lbArn: string, dnsName: string | undefined): EndpointTarget {
    if (dnsName !== undefined) return { dnsName };
    let target = this.albLookups.get(lbArn);
    if (!target) {
      const id = albId(lbArn);
      const lb = new DataAwsLb(this.lookups, id, { arn: lbArn });
      lb.overrideLogicalId(id);
      target = loadBalancerTarget(lb);
      this.albLookups.set(lbArn, target);
    }
    return target;
  }
}
