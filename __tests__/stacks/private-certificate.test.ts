// A private certificate in an environment stack: no validation resource, record or
// output; app records, endpoints and the expiry alarm as for any certificate.
import { expectCounts, prodConfig, resourceOf, synthEnvironment } from "../helpers";

const CA =
  "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";
const LISTENER =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";

/** prod: `internal` (private, on an ALB listener) and `public`, both naming example.com. */
const json = synthEnvironment(
  prodConfig(`        internal:
          domains: [example.com, app.example.com, api.internal.corp]
          certificateAuthorityArn: "${CA}"
          attach: { alb: { listenerArn: "${LISTENER}", dnsName: shop-1.eu-west-1.elb.amazonaws.com } }
          hostnames: [app.example.com]
        public: { domains: [example.com], target: lb.example.net }`),
);

describe("a private certificate in its environment's stack", () => {
  it("has no validation resource and no validation record; the public certificate keeps its own", () => {
    expectCounts(json, {
      aws_acm_certificate: 2,
      aws_acm_certificate_validation: 1,
      aws_lb_listener_certificate: 1,
    });
    expect(Object.keys(json.resource?.aws_acm_certificate_validation ?? {})).toEqual(["public"]);
    const records = Object.values(json.resource?.cloudflare_dns_record ?? {});
    expect(records.map((r) => [r.type, r.comment])).toEqual([
      ["CNAME", "ACM validation, prod: public. Keep: renewals need it."],
      ["CNAME", "certkit: prod internal"],
    ]);
  });

  it("serves its endpoint the certificate's own ARN", () => {
    const sni = Object.values(json.resource?.aws_lb_listener_certificate ?? {});
    expect(sni.map((r) => r.certificate_arn)).toEqual(["${aws_acm_certificate.internal.arn}"]);
  });

  it("is the default certificate of an NLB's TLS listener certkit owns, by its own ARN", () => {
    const nlb =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/broker/50dc6c495c0c9188";
    const tg =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/broker/73e2d6bc24d8a067";
    const stack = synthEnvironment(
      prodConfig(`        broker:
          domains: [broker.internal.corp]
          certificateAuthorityArn: "${CA}"
          attach: { nlb: { loadBalancerArn: "${nlb}", targetGroupArn: "${tg}" } }`),
    );
    expectCounts(stack, { aws_acm_certificate_validation: 0, aws_lb_listener: 1 });
    const [listener] = Object.values(stack.resource?.aws_lb_listener ?? {});
    expect([listener.protocol, listener.certificate_arn]).toEqual([
      "TLS",
      "${aws_acm_certificate.broker.arn}",
    ]);
  });

  it("outputs its ARN and status, and no validation records or names", () => {
    const outputs = Object.keys(json.output ?? {}).filter((o) => o.endsWith("_internal"));
    expect(outputs.sort()).toEqual([
      "certificate_arn_internal",
      "certificate_status_internal",
      "endpoint_internal",
      "expiry_alarm_internal",
      "hostnames_internal",
    ]);
    expect(json.output?.certificate_arn_internal.value).toBe("${aws_acm_certificate.internal.arn}");
  });

  it("has an expiry alarm that names the CA's part in renewal", () => {
    const alarm = resourceOf(json, "aws_cloudwatch_metric_alarm", "expiry_alarm_internal");
    expect([alarm.dimensions, alarm.alarm_description]).toEqual([
      { CertificateArn: "${aws_acm_certificate.internal.arn}" },
      "Certificate internal of environment prod (example.com, app.example.com, api.internal.corp) expires in fewer than 45 days. ACM renews it on its own only while an AWS service uses it (or it was exported since its last renewal) and its private CA is active and lets ACM issue (CA permissions for acm.amazonaws.com, or a resource policy across accounts): check these.",
    ]);
  });
});
