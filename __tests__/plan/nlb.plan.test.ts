// examples/nlb planned offline: the real AWS provider takes the TLS listener
// certkit creates on an NLB (protocol TLS, ssl_policy, alpn_policy) and the SNI
// bindings, on its own listener and on an existing one; and a config with the
// defaults (ALPN None written out). The existing listener's NLB is read with
// data aws_lb, which needs AWS: stood in, as for every bundled config.
import { join } from "node:path";
import { loadConfigFile, loadConfigText } from "../../config/load";
import { type PlanResult, describePlan, environmentStackJson, planStack } from "./harness";
import { configured as configuredResource, plannedCreate, zoneNames } from "./plan-queries";

const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012";
const NLB = `${ARN}:loadbalancer/net/telemetry/50dc6c495c0c9188`;
const TG = `${ARN}:targetgroup/telemetry-tls/73e2d6bc24d8a067`;
const BROKER_LISTENER = `${ARN}:listener/net/broker/6d0ecf831eec9f09/a1b2c3d4e5f60718`;
const TLS_LISTENER = "aws_lb_listener.nlb_telemetry_50dc6c495c0c9188_tls";

/** The defaults: no alpnPolicy, no sslPolicy, no dnsName (looked up, stood in). */
const DEFAULTS = `
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
environments:
  dev:
    region: eu-west-1
    certificates:
      web:
        domains: [web.example.com]
        attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } }
        hostnames: [web.example.com]
`;

describePlan("examples/nlb planned offline (Cloudflare and data aws_lb stood in)", () => {
  let plan: PlanResult;
  let defaults: PlanResult;
  beforeAll(async () => {
    const example = loadConfigFile(join(__dirname, "..", "..", "examples", "nlb", "certkit.yaml"));
    const options = {
      prepare: { standInDataSources: ["aws_lb"] },
      cloudflare: { zoneNames: zoneNames(example.config.zones) },
    };
    // Separate runs: the configuration queries (references) read a single stack's plan.
    [plan, defaults] = await Promise.all([
      planStack(environmentStackJson(example.config.environments[0]), options),
      planStack(environmentStackJson(loadConfigText(DEFAULTS).config.environments[0]), options),
    ]);
  });

  it("plans the defaults: ALPN None and the recommended TLS policy written out", () => {
    expect(plannedCreate(defaults, TLS_LISTENER)).toMatchObject({
      protocol: "TLS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      alpn_policy: "None",
    });
  });

  const configured = (address: string) => configuredResource(plan, address);
  const planned = (address: string) => plannedCreate(plan, address);

  it("plans TLS:443 with the TLS and ALPN policies, forwarding to the target group, and no other listener", () => {
    expect(planned(TLS_LISTENER)).toMatchObject({
      load_balancer_arn: NLB,
      port: 443,
      protocol: "TLS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      alpn_policy: "HTTP2Preferred",
      default_action: [{ type: "forward", target_group_arn: TG }],
    });
    expect(configured(TLS_LISTENER).expressions.certificate_arn.references).toContain(
      "aws_acm_certificate_validation.api.certificate_arn",
    );
    expect(plan.byType("aws_lb_listener").map((r) => r.address)).toEqual([TLS_LISTENER]);
  });

  it("binds the other certificates by SNI: to its own listener and to the existing one", () => {
    expect(
      configured("aws_lb_listener_certificate.grpc").expressions.listener_arn.references,
    ).toContain(`${TLS_LISTENER}.arn`);
    expect(planned("aws_lb_listener_certificate.mqtt")).toMatchObject({
      listener_arn: BROKER_LISTENER,
    });
    expect(
      configured("aws_lb_listener_certificate.mqtt").expressions.certificate_arn.references,
    ).toContain("aws_acm_certificate_validation.mqtt.certificate_arn");
  });

  it("points the hostnames at the NLBs, DNS-only", () => {
    const app = Object.fromEntries(
      plan
        .standIns("cloudflare_dns_record")
        .filter((s) => s.original.startsWith("cloudflare_dns_record.app_"))
        .map((s) => [s.input.name, [s.input.proxied, s.input.ttl]]),
    );
    expect(app).toEqual({
      "api.example.com": [false, 300],
      "grpc.example.com": [false, 300],
      "mqtt.example.com": [false, 300],
    });
  });
});
