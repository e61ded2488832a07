// Wires each certificate to what serves it and points its hostnames there.
// Controller-made ALBs are the exception: their records live in the ingress
// stack (the ALB exists only once the Ingress has the certificate ARN).
import { Construct } from "constructs";
import type { KeyAlgorithm } from "../../domains/acm";
import { loadBalancerId, loadBalancerOfListener, loadBalancerType } from "../../domains/aws-names";
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
import { ApiGatewayDomain, type ApiMapping, apiDomainResourceName } from "./api-gateway-domain";
import { CloudFrontSite, type CloudFrontSiteProps } from "./cloudfront-site";
import { type AlpnPolicy, NlbListener } from "./nlb-listener";
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
  /** An existing TLS listener of an NLB: the certificate is added for SNI. */
  | {
      readonly kind: "nlb-listener";
      readonly listenerArn: string;
      /** The NLB's DNS name. @default - looked up from the listener's NLB at plan time */
      readonly dnsName?: string;
    }
  /** An NLB whose TLS:443 listener certkit owns. */
  | {
      readonly kind: "nlb-owned";
      readonly loadBalancerArn: string;
      /** Where TLS traffic goes. */
      readonly targetGroupArn: string;
      /** TLS policy of the TLS listener. */
      readonly sslPolicy: string;
      /** ALPN policy of the TLS listener. */
      readonly alpnPolicy: AlpnPolicy;
      /** The NLB's DNS name. @default - looked up from the NLB at plan time */
      readonly dnsName?: string;
    }
  /** Only point hostnames at this NLB. */
  | { readonly kind: "nlb-dns"; readonly dnsName: string }
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
    >)
  /** API Gateway custom domain names, one per hostname, mapped to API stages. */
  | {
      readonly kind: "api-gateway";
      /** `http` (HTTP and WebSocket APIs) or `rest`. */
      readonly type: "http" | "rest";
      /** `regional`, or `edge` (REST only, the certificate in us-east-1). */
      readonly endpoint: "regional" | "edge";
      /** API stages mapped onto every hostname's domain. */
      readonly mappings: readonly ApiMapping[];
    };

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
  /** API Gateway certificates: each hostname points at its own domain, by certificate and hostname. */
  readonly domainTargets = new Map<string, Map<string, EndpointTarget>>();
  /** Helm values per Ingress group of the AWS Load Balancer Controller. */
  readonly ingressHandovers: IngressHandover[] = [];
  private readonly lbLookups = new Map<string, EndpointTarget>();
  private readonly props: EndpointsProps;
  // Each kind of child in a scope of its own: certificate names never meet load balancer ids.
  private readonly sites = new Namespace(this, "certificates");
  private readonly appRecords = new Namespace(this, "app-records");
  private readonly albs = new Construct(this, "albs");
  private readonly nlbs = new Construct(this, "nlbs");
  private readonly lookups = new Construct(this, "alb-lookups");

  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    this.props = props;
    this.ownedLoadBalancers(props.certificates);
    for (const c of props.certificates) {
      if (c.attach?.kind === "api-gateway") {
        this.apiGateway(c, c.attach);
        continue;
      }
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
      case "nlb-listener":
        new ListenerCertificate(this.sites, this.sites.id(c.name), {
          resourceName: c.name,
          listenerArn: a.listenerArn,
          certificateArn: this.arn(c),
        });
        return this.lbTarget(loadBalancerOfListener(a.listenerArn), a.dnsName);
      case "alb-owned":
      case "nlb-owned":
        return this.lbTarget(a.loadBalancerArn, a.dnsName);
      case "alb-dns":
      case "nlb-dns":
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
      case "api-gateway": // one target per hostname: apiGateway()
        return undefined;
    }
  }

  /** One custom domain per hostname, its record pointing at that domain's own target. */
  private apiGateway(
    c: EndpointCertificate,
    a: Extract<EndpointAttach, { kind: "api-gateway" }>,
  ): void {
    const site = new Construct(this.sites, this.sites.id(c.name));
    const records = new Construct(this.appRecords, this.appRecords.id(c.name));
    const targets = new Map<string, EndpointTarget>();
    for (const h of c.hostnames) {
      const domain = new ApiGatewayDomain(site, h.name, {
        resourceName: apiDomainResourceName(h.name),
        domainName: h.name,
        certificateArn: this.arn(c),
        certificateKeyAlgorithm: c.keyAlgorithm,
        apiType: a.type,
        endpoint: a.endpoint,
        mappings: a.mappings,
      });
      targets.set(h.name, domain.target);
      new AppRecords(records, h.name, {
        hostnames: [h],
        target: domain.target,
        dns: this.props.dns,
        description: `${this.props.environment} ${c.name}`,
      });
    }
    this.domainTargets.set(c.name, targets);
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

  /**
   * The listeners of each load balancer certkit owns (an ALB's HTTPS and HTTP pair, an
   * NLB's TLS listener); its certificates in name order, the first the default.
   */
  private ownedLoadBalancers(certs: readonly EndpointCertificate[]): void {
    const byLb = new Map<string, EndpointCertificate[]>();
    for (const c of certs) {
      if (c.attach?.kind === "alb-owned" || c.attach?.kind === "nlb-owned")
        byLb.set(c.attach.loadBalancerArn, [...(byLb.get(c.attach.loadBalancerArn) ?? []), c]);
    }
    for (const [lbArn, group] of byLb) {
      const first = group[0].attach as Extract<EndpointAttach, { kind: "alb-owned" | "nlb-owned" }>;
      const certificates = [...group]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => ({ name: c.name, arn: this.arn(c) }));
      const common = {
        loadBalancerArn: lbArn,
        targetGroupArn: first.targetGroupArn,
        sslPolicy: first.sslPolicy,
        certificates,
      };
      if (first.kind === "alb-owned") new AlbListeners(this.albs, loadBalancerId(lbArn), common);
      else
        new NlbListener(this.nlbs, loadBalancerId(lbArn), {
          ...common,
          alpnPolicy: first.alpnPolicy,
        });
    }
  }

  /**
   * A load balancer by ARN: the configured DNS name alone, or both its DNS name and
   * hosted zone looked up once per load balancer (needs AWS access at plan time).
   * data aws_lb reads either type (hashicorp/aws docs, d/lb: dns_name, zone_id).
   */
  private lbTarget(lbArn: string, dnsName: string | undefined): EndpointTarget {
    if (dnsName !== undefined) return { dnsName };
    let target = this.lbLookups.get(lbArn);
    if (!target) {
      const id = loadBalancerId(lbArn);
      const lb = new DataAwsLb(this.lookups, id, { arn: lbArn });
      lb.overrideLogicalId(id);
      target = loadBalancerTarget(lb, loadBalancerType(lbArn));
      this.lbLookups.set(lbArn, target);
    }
    return target;
  }
}
