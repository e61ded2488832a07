// The review of NLB attachments: each form's row and its node in the diagram.
import { fieldTable, reviewOfText } from "./helpers";

const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012";
const NLB = `${ARN}:loadbalancer/net/edge/50dc6c495c0c9188`;
const TG = `${ARN}:targetgroup/tls/73e2d6bc24d8a067`;
const LISTENER = `${ARN}:listener/net/mqtt/6d0ecf831eec9f09/a1b2c3d4e5f60718`;

describe("summary of NLB attachments", () => {
  const { review } = reviewOfText(`
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      grpc:
        domains: [grpc.example.com]
        attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", alpnPolicy: HTTP2Preferred, dnsName: edge-1.elb.eu-west-1.amazonaws.com } }
        hostnames: [grpc.example.com]
      mqtt:
        domains: [mqtt.example.com]
        attach: { nlb: { listenerArn: "${LISTENER}", dnsName: mqtt-1.elb.eu-west-1.amazonaws.com } }
        hostnames: [{ name: mqtt.example.com, proxied: true }]
      legacy:
        domains: [old.example.com]
        attach: { nlb: { dnsName: old-1.elb.eu-west-1.amazonaws.com } }
        hostnames: [old.example.com]
`);
  const page = review.files.get("prod.md")!;
  const attached = (name: string) => fieldTable(page, `Certificate \`${name}\``)["Attached to"];

  test("each form's row says what certkit does on the NLB", () => {
    expect(attached("grpc")).toBe(
      `NLB \`${NLB}\`: certkit creates TLS:443, forwarding to \`${TG}\`; ` +
        "TLS policy `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`; ALPN policy `HTTP2Preferred`",
    );
    expect(attached("mqtt")).toBe(
      `existing TLS listener \`${LISTENER}\` of an NLB: added as an SNI certificate`,
    );
    expect(attached("legacy")).toBe(
      "NLB `old-1.elb.eu-west-1.amazonaws.com`: records point at it; certkit does not attach the certificate",
    );
  });

  test("hostnames are DNS-only unless they say", () => {
    expect(fieldTable(page, "Certificate `grpc`").Hostnames).toBe(
      "`grpc.example.com` (Cloudflare, DNS only)",
    );
    expect(fieldTable(page, "Certificate `mqtt`").Hostnames).toBe(
      "`mqtt.example.com` (Cloudflare, proxied)",
    );
  });

  test("the diagram has a node per NLB form, and only attached ones serve", () => {
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)![1];
    expect(mermaid).toContain('endpoint_grpc["NLB edge<br/>TLS:443"]');
    expect(mermaid).toContain('endpoint_mqtt["NLB mqtt<br/>existing TLS listener, SNI"]');
    expect(mermaid).toContain(
      'endpoint_legacy["NLB old-1.elb.eu-west-1.amazonaws.com<br/>records only"]',
    );
    expect(mermaid).toContain("host_grpc_example_com -->|DNS only| endpoint_grpc");
    expect(mermaid).toContain("endpoint_grpc -->|serves| certificate_grpc");
    expect(mermaid).toContain("endpoint_mqtt -->|serves| certificate_mqtt");
    expect(mermaid).toContain(
      "endpoint_legacy -.-|certificate not attached by certkit| certificate_legacy",
    );
  });
});
