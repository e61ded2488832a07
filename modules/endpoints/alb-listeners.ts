// Listeners on an ALB certkit owns: HTTPS:443 forwarding to a target group with
// an explicit TLS policy, HTTP:80 redirecting to it, more certificates by SNI.
import { Construct } from "constructs";
import { Namespace } from "../namespace";
import { LbListener, LbListenerCertificate } from "../provider-imports";

export interface AlbListenersProps {
  /** The ALB. */
  readonly loadBalancerArn: string;
  /** Where HTTPS traffic goes. */
  readonly targetGroupArn: string;
  /** TLS policy of the HTTPS listener. */
  readonly sslPolicy: string;
  /** Validated certificate ARNs by distinct certificate name; the first is the listener's default, the rest SNI. */
  readonly certificates: readonly NamedCertificate[];
}

export class AlbListeners extends Construct {
  readonly https: LbListener;
  readonly http: LbListener;

  /** `id` names the ALB (from its ARN) in resource ids. */
  constructor(scope: Construct, id: string, props: AlbListenersProps) {
    super(scope, id);
    const [first, others] = defaultAndSni(this, "an HTTPS listener", props.certificates);
    this.https = new LbListener(this, "https", {
      loadBalancerArn: props.loadBalancerArn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy,
      certificateArn: first.arn,
      defaultAction: [{ type: "forward", targetGroupArn: props.targetGroupArn }],
    });
    this.https.overrideLogicalId(`${id}_https`);
    this.http = new LbListener(this, "http", {
      loadBalancerArn: props.loadBalancerArn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } },
      ],
    });
    this.http.overrideLogicalId(`${id}_http`);
    bindBySni(this, this.https.arn, others);
  }
}

/** A validated certificate for a listener: its distinct name and ARN. */
export interface NamedCertificate {
  readonly name: string;
  readonly arn: string;
}

/**
 * The default certificate of a listener certkit owns and the ones to add by SNI;
 * `listener` names it in errors ("an HTTPS listener").
 */
export function defaultAndSni(
  scope: Construct,
  listener: string,
  certificates: readonly NamedCertificate[],
): [NamedCertificate, NamedCertificate[]] {
  const names = certificates.map((c) => c.name);
  if (!names.length) {
    throw new Error(`${scope.node.path}: ${listener} needs a default certificate, got none.`);
  }
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) {
    throw new Error(
      `${scope.node.path}: certificate names must be distinct (they name the SNI bindings), got "${repeated}" twice.`,
    );
  }
  const [first, ...others] = certificates;
  return [first, others];
}

/** Adds each certificate to the listener by SNI, each resource named after its certificate. */
export function bindBySni(
  scope: Construct,
  listenerArn: string,
  certificates: readonly NamedCertificate[],
): void {
  // Certificate names apart from the listeners' own ids.
  const sni = new Namespace(scope, "certificates");
  for (const cert of certificates) {
    new ListenerCertificate(sni, sni.id(cert.name), {
      resourceName: cert.name,
      listenerArn,
      certificateArn: cert.arn,
    });
  }
}

export interface ListenerCertificateProps {
  /** Terraform name of the resource: the certificate's name. @default - the construct id */
  readonly resourceName?: string;
  /** The HTTPS listener. */
  readonly listenerArn: string;
  /** The validated certificate ARN. */
  readonly certificateArn: string;
}

/**
 * A certificate served by SNI on an existing HTTPS (ALB) or TLS (NLB) listener:
 * aws_lb_listener_certificate takes either (hashicorp/aws docs, lb_listener_certificate).
 */
export class ListenerCertificate extends Construct {
  constructor(scope: Construct, id: string, props: ListenerCertificateProps) {
    super(scope, id);
    new LbListenerCertificate(this, "resource", {
      listenerArn: props.listenerArn,
      certificateArn: props.certificateArn,
      // certificate_arn forces a new binding: without this, a replaced certificate's
      // binding is destroyed first and the hostname gets the default certificate
      // until the new one is bound (the certificate's own lifecycle does not reach it).
      lifecycle: { createBeforeDestroy: true },
    }).overrideLogicalId(props.resourceName ?? id);
  }
}
