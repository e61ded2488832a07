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
  readonly certificates: readonly { readonly name: string; readonly arn: string }[];
}

export class AlbListeners extends Construct {
  readonly https: LbListener;
  readonly http: LbListener;

  /** `id` names the ALB (from its ARN) in resource ids. */
  constructor(scope: Construct, id: string, props: AlbListenersProps) {
    super(scope, id);
    const names = props.certificates.map((c) => c.name);
    if (!names.length) {
      throw new Error(
        `${this.node.path}: an HTTPS listener needs a default certificate, got none.`,
      );
    }
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) {
      throw new Error(
        `${this.node.path}: certificate names must be distinct (they name the SNI bindings), got "${repeated}" twice.`,
      );
    }
    const [first, ...others] = props.certificates;
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
    // Certificate names apart from "https" and "http".
    const sni = new Namespace(this, "certificates");
    for (const cert of others) {
      new ListenerCertificate(sni, sni.id(cert.name), {
        resourceName: cert.name,
        listenerArn: this.https.arn,
        certificateArn: cert.arn,
      });
    }
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

/** A certificate served by SNI on an existing HTTPS listener. */
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
