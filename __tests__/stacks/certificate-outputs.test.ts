// What terraform-aws-acm gives its users, certkit gives too: each certificate's
// validation records, status and validated names as outputs; the records' TTL;
// and certificates whose records someone else writes (waitForValidation: false).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../../stacks/build-app";
import {
  SynthJson,
  expectCounts,
  expectProblems,
  load,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  warningsOf,
  yaml,
} from "../helpers";
import { fieldTable, reviewOfText } from "../review/helpers";

const LISTENER =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";

/** prod with certificates given as YAML lines under `certificates:` (8 spaces in). */
const prod = (certificates: string) => yaml`
  cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
${certificates}
`;

describe("outputs per certificate", () => {
  const json = synthEnvironment(
    prod(
      `        web: { domains: [example.com, "*.example.com", www.example.com], target: lb.example.net }`,
    ),
  );

  test("the validation records, one per validated name, as terraform-aws-acm's validation_domains", () => {
    expect(json.output?.validation_records_web).toEqual({
      value:
        '${distinct([for o in aws_acm_certificate.web.domain_validation_options : merge(o, { domain_name = trimprefix(o.domain_name, "*.") })])}',
      description:
        "Validation records of certificate web, one per validated name: domain_name, resource_record_name, resource_record_type, resource_record_value.",
    });
  });

  test("the distinct validated names, a wildcard folded into its base name", () => {
    expect(json.output?.validation_names_web.value).toEqual(["example.com", "www.example.com"]);
  });

  test("the certificate's status", () => {
    expect(json.output?.certificate_status_web.value).toBe("${aws_acm_certificate.web.status}");
  });

  test("no certificate name makes another certificate's output: every output is one of the prefixes + a name", () => {
    const names = ["web", "records_web", "arn_web", "status_web", "names_web"];
    const stack = synthEnvironment(
      prod(names.map((n, i) => `        ${n}: { domains: [h${i}.example.com] }`).join("\n")),
    );
    const prefixes = [
      "certificate_arn_",
      "certificate_validation_",
      "certificate_status_",
      "validation_records_",
      "validation_names_",
      "expiry_alarm_",
    ];
    for (const p of prefixes) {
      expect(prefixes.filter((q) => q !== p && q.startsWith(p))).toEqual([]);
    }
    const outputs = Object.keys(stack.output ?? {}).filter(
      (o) => !/^expiry_(topic|key)_arn_/.test(o),
    );
    expect(outputs.sort()).toEqual(prefixes.flatMap((p) => names.map((n) => p + n)).sort());
  });
});

describe("validationTtlSeconds", () => {
  test("is 60 unless set, and sets the TTL of the certificate's records", () => {
    const json = synthEnvironment(
      prod(`        web: { domains: [example.com], target: lb.example.net }
        api: { domains: [api.example.com], target: lb.example.net, validationTtlSeconds: 3600 }
        auto: { domains: [auto.example.com], target: lb.example.net, validationTtlSeconds: 1 }`),
    );
    const ttl = (id: string) => resourceOf(json, "cloudflare_dns_record", id).ttl;
    expect([
      ttl("acm_validation_example_com"),
      ttl("acm_validation_api_example_com"),
      ttl("acm_validation_auto_example_com"),
    ]).toEqual([60, 3600, 1]);
  });

  test("fails outside Cloudflare's TTLs: 1, or 60 to 86400", () => {
    expectProblems(
      prod(`        web: { domains: [example.com], target: lb.example.net, validationTtlSeconds: 30 }
        api: { domains: [api.example.com], target: lb.example.net, validationTtlSeconds: 86401 }`),
      [
        "environments.prod.certificates.web.validationTtlSeconds (line 7, column 84): must be 1 (automatic, Cloudflare only) or 60 to 86400 seconds: Cloudflare refuses other TTLs. Got 30. Fix: use 60 or more, or 1 in Cloudflare zones.",
        "environments.prod.certificates.api.validationTtlSeconds (line 8, column 88): must be at most 86400, got 86401. Fix: use a value of at most 86400.",
      ],
    );
  });

  test("fails when two certificates sharing a record ask for different TTLs", () => {
    expectProblems(
      prod(`        web: { domains: [example.com], target: lb.example.net }
        wild: { domains: ["*.example.com"], target: lb.example.net, validationTtlSeconds: 300 }`),
      [
        'environments.prod.certificates.wild.validationTtlSeconds (line 8, column 89): is 300, but certificate web sets 60 and shares the validation record for "example.com" with it; one record has one TTL. Fix: set the same validationTtlSeconds on both.',
      ],
    );
  });
});

describe("waitForValidation: false", () => {
  const text = prod(`        web: { domains: [example.com], target: lb.example.net }
        partner:
          domains: [partner.example.net, www.example.com]
          waitForValidation: false
          attach: { alb: { listenerArn: "${LISTENER}", dnsName: shop.eu-west-1.elb.amazonaws.com } }`);
  const json = synthEnvironment(text);

  test("writes no validation record and no waiter for the certificate; its names need no zone", () => {
    expectCounts(json, { aws_acm_certificate: 2, aws_acm_certificate_validation: 1 });
    expect(Object.keys(resourcesOf(json, "aws_acm_certificate_validation"))).toEqual(["web"]);
    expect(Object.keys(resourcesOf(json, "cloudflare_dns_record"))).toEqual([
      "acm_validation_example_com",
    ]);
  });

  test("hands consumers and the ARN output the certificate's own ARN", () => {
    expect(resourceOf(json, "aws_lb_listener_certificate", "partner").certificate_arn).toBe(
      "${aws_acm_certificate.partner.arn}",
    );
    expect(json.output?.certificate_arn_partner.value).toBe("${aws_acm_certificate.partner.arn}");
    expect(json.output?.certificate_validation_partner).toBeUndefined();
    expect(json.output?.validation_records_partner.value).toContain(
      "aws_acm_certificate.partner.domain_validation_options",
    );
  });

  test("warns that the endpoint gets the ARN before issuance", () => {
    expect(warningsOf(text)).toContain(
      "environments.prod.certificates.partner.waitForValidation (line 10, column 28): false hands the certificate's ARN to its endpoint before ACM has issued it; the endpoint refuses it (UnsupportedCertificate) and the apply fails until the validation records exist and ACM has issued it. Write the records from output validation_records_partner first, or remove waitForValidation: false.",
    );
  });

  test("the names still need a zone while certkit writes the records", () => {
    expectProblems(
      prod(`        partner: { domains: [partner.example.net], target: lb.example.net }`),
      [
        'environments.prod.certificates.partner.domains[0] (line 7, column 28): "partner.example.net" is under no configured zone (configured: example.com). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.',
      ],
    );
  });

  test("the review says who writes its records", () => {
    const page = reviewOfText(text).review.files.get("prod.md")!;
    expect(fieldTable(page, "Certificate `partner`")["Validation records"]).toBe(
      "written outside certkit (`waitForValidation: false`), from output `validation_records_partner`; nothing waits for issuance",
    );
  });

  test("every stack still synthesizes", () => {
    const stacks = buildApp(Testing.app(), load(text).config);
    for (const s of stacks)
      expect(() => JSON.parse(Testing.synth(s, true)) as SynthJson).not.toThrow();
  });
});

test("the snippet of docs/certificates.md loads and does what the page says", () => {
  const page = readFileSync(join(__dirname, "..", "..", "docs", "certificates.md"), "utf8");
  const snippet = /```yaml\n([\s\S]*?)```/.exec(page)![1];
  const json = synthEnvironment(snippet);
  expect(Object.keys(resourcesOf(json, "aws_acm_certificate_validation"))).toEqual(["web"]);
  expect(resourceOf(json, "cloudflare_dns_record", "acm_validation_example_com").ttl).toBe(300);
  expect(json.output?.validation_names_partner.value).toEqual(["shop.partner.example.net"]);
});
