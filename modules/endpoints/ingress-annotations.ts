// The Ingress annotations that hand certificates to the AWS Load Balancer
// Controller: it owns the ALB's listeners and removes certificates it did not put there.

export interface IngressAnnotationsProps {
  /** Certificate ARNs for the group; the first is the listener's default, the rest SNI. */
  readonly certificateArns: readonly string[];
  /** The Ingress group (`group.name`); `<namespace>/<ingress>` means an ungrouped Ingress. */
  readonly ingressGroup: string;
  /** TLS policy for the HTTPS listener. */
  readonly sslPolicy: string;
}

/** A ready-to-paste Helm values snippet (`ingress.annotations`). */
export function ingressAnnotationsYaml(props: IngressAnnotationsProps): string {
  const annotations: [string, string][] = [
    ["alb.ingress.kubernetes.io/certificate-arn", props.certificateArns.join(",")],
    ["alb.ingress.kubernetes.io/listen-ports", '[{"HTTP":80},{"HTTPS":443}]'],
    ["alb.ingress.kubernetes.io/ssl-redirect", "443"],
    ["alb.ingress.kubernetes.io/ssl-policy", props.sslPolicy],
  ];
  if (!props.ingressGroup.includes("/")) {
    annotations.push(["alb.ingress.kubernetes.io/group.name", props.ingressGroup]);
  }
  // Single-quoted YAML scalars: JSON and ARNs need no further escaping there.
  return (
    ["ingress:", "  annotations:", ...annotations.map(([k, v]) => `    ${k}: '${v}'`)].join("\n") +
    "\n"
  );
}
