// The TLS:443 listener of an NLB certkit owns, forwarding to a target group, more
// certificates by SNI. Arguments checked against the hashicorp/aws docs of
// aws_lb_listener (protocol TLS, ssl_policy required for TLS, alpn_policy values)
// and AWS's "Listeners for your Network Load Balancers" (TLS listeners, ALPN policies).
import { Construct } from "constructs";
import { LbListener } from "../provider-imports";
import { type NamedCertificate, bindBySni, defaultAndSni } from "./alb-listeners";

/** ALPN policies a TLS listener takes (AWS's default is None). */
export type AlpnPolicy = "None" | "HTTP1Only" | "HTTP2Only" | "HTTP2Optional" | "HTTP2Preferred";

export interface NlbListenerProps {
  /** The NLB. */
  readonly loadBalancerArn: string;
  /** Where TLS traffic goes, decrypted: a TCP or TLS target group. */
  readonly targetGroupArn: string;
  /** TLS policy of the listener. */
  readonly sslPolicy: string;
  /** ALPN policy of the listener; written even when None, so that a change back to None is applied. */
  readonly alpnPolicy: AlpnPolicy;
  /** Validated certificate ARNs by distinct certificate name; the first is the listener's default, the rest SNI. */
  readonly certificates: readonly NamedCertificate[];
}

export class NlbListener extends Construct {
  readonly tls: LbListener;

  /** `id` names the NLB (from its ARN) in resource ids. */
  constructor(scope: Construct, id: string, props: NlbListenerProps) {
    super(scope, id);
    const [first, others] = defaultAndSni(this, "a TLS listener", props.certificates);
    this.tls = new LbListener(this, "tls", {
      loadBalancerArn: props.loadBalancerArn,
      port: 443,
      protocol: "TLS",
      sslPolicy: props.sslPolicy,
      // The provider sends alpn_policy only when set: leaving None out would keep an old policy.
      alpnPolicy: props.alpnPolicy,
      certificateArn: first.arn,
      defaultAction: [{ type: "forward", targetGroupArn: props.targetGroupArn }],
    });
    this.tls.overrideLogicalId(`${id}_tls`);
    bindBySni(this, this.tls.arn, others);
  }
}
