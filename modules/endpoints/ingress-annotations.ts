// The Ingress annotations that hand certificates to the AWS Load Balancer
// Controller: it owns the ALB's listeners and removes certificates it did not put there.
import { stringify } from "yaml";

/** Who can reach the ALB the controller makes (its annotation `scheme`). */
export type AlbScheme = "internet-facing" | "internal";

export interface IngressAnnotationsProps {
  /** Certificate ARNs for the group; the first is the listener's default, the rest SNI. */
  readonly certificateArns: readonly string[];
  /** The Ingress group (`group.name`); `<namespace>/<ingress>` means an ungrouped Ingress. */
  readonly ingressGroup: string;
  /** TLS policy for the HTTPS listener. */
  readonly sslPolicy: string;
  /** The ALB's scheme; the controller's own default is internal, which Cloudflare's proxy cannot reach. */
  readonly scheme: AlbScheme;
}

/** The annotations, in the order they are written. */
export function ingressAnnotations(props: IngressAnnotationsProps): Record<string, string> {
  return {
    "alb.ingress.kubernetes.io/certificate-arn": props.certificateArns.join(","),
    "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
    "alb.ingress.kubernetes.io/ssl-redirect": "443",
    "alb.ingress.kubernetes.io/ssl-policy": props.sslPolicy,
    "alb.ingress.kubernetes.io/scheme": props.scheme,
    ...(props.ingressGroup.includes("/")
      ? {}
      : { "alb.ingress.kubernetes.io/group.name": props.ingressGroup }),
  };
}

/**
 * A ready-to-paste Helm values snippet (`ingress.annotations`), written by the
 * YAML library so that any text is quoted as YAML needs. No line folding: a
 * value holding Terraform references stays one string on one line.
 */
export function ingressAnnotationsYaml(props: IngressAnnotationsProps): string {
  return stringify({ ingress: { annotations: ingressAnnotations(props) } }, { lineWidth: 0 });
}
