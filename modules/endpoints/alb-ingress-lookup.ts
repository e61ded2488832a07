// Finds the ALB the AWS Load Balancer Controller made for an Ingress group, by
// the tags the controller puts on it. Read-only: certkit never touches its listeners.
import { Construct } from "constructs";
import { type EndpointTarget, loadBalancerTarget } from "../app-records";
import { DataAwsLb } from "../provider-imports";

export interface AlbIngressLookupProps {
  /** EKS cluster name (tag `elbv2.k8s.aws/cluster`). */
  readonly cluster: string;
  /** Ingress group name, or `<namespace>/<ingress>` (tag `ingress.k8s.aws/stack`). */
  readonly ingressGroup: string;
}

export class AlbIngressLookup extends Construct {
  /** The ALB's DNS name and hosted zone, for records. Known at plan time once the ALB exists. */
  readonly target: EndpointTarget;

  constructor(scope: Construct, id: string, props: AlbIngressLookupProps) {
    super(scope, id);
    // Fails at plan until exactly one ALB carries these tags: deploy this stack after the Ingress.
    const lb = new DataAwsLb(this, "alb", {
      tags: {
        "elbv2.k8s.aws/cluster": props.cluster,
        "ingress.k8s.aws/stack": props.ingressGroup,
        "ingress.k8s.aws/resource": "LoadBalancer",
      },
    });
    lb.overrideLogicalId(id);
    this.target = loadBalancerTarget(lb, "app");
  }
}
