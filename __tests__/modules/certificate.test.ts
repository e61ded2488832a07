import { Fn, TerraformOutput, Testing } from "cdktf";
import { Certificate, CertificateProps } from "../../modules/certificate";
import { SynthJson, expectCounts, resourceOf, synthEnvironment, withCertificate } from "../helpers";

/** What the config gives a certificate that sets nothing but its names. */
const BASE: CertificateProps = {
  domains: ["example.com"],
  keyAlgorithm: "RSA_2048",
  transparencyLogging: true,
  exportable: false,
  validationTimeoutMinutes: 75,
  waitForValidation: true,
};

/** Synthesizes one certificate `web` (plus what `extra` adds) in a fresh scope. */
function synthCertificate(
  props: Partial<CertificateProps> = {},
  extra?: (cert: Certificate) => void,
): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const cert = new Certificate(scope, "web", { ...BASE, ...props });
      extra?.(cert);
    }),
  ) as SynthJson;
}

const certificate = (json: SynthJson) => resourceOf(json, "aws_acm_certificate", "web");
const validation = (json: SynthJson) => resourceOf(json, "aws_acm_certificate_validation", "web");

describe("Certificate", () => {
  it("creates one certificate and one validation, both with the config name as id", () => {
    const json = synthCertificate();
    expectCounts(json, { aws_acm_certificate: 1, aws_acm_certificate_validation: 1 });
    expect(validation(json).certificate_arn).toBe("${aws_acm_certificate.web.arn}");
  });

  it("requests the first name as primary and the rest as alternative names, validated by DNS", () => {
    const cert = certificate(
      synthCertificate({ domains: ["example.com", "*.example.com", "api.example.org"] }),
    );
    expect([cert.domain_name, cert.subject_alternative_names, cert.validation_method]).toEqual([
      "example.com",
      ["*.example.com", "api.example.org"],
      "DNS",
    ]);
  });

  it("leaves out alternative names when there is one name", () => {
    expect(certificate(synthCertificate())).not.toHaveProperty("subject_alternative_names");
  });

  it("uses the given key algorithm", () => {
    expect(certificate(synthCertificate({ keyAlgorithm: "EC_secp384r1" })).key_algorithm).toBe(
      "EC_secp384r1",
    );
  });

  it("logs to Certificate Transparency when asked and asks for export only when asked", () => {
    expect(certificate(synthCertificate()).options).toEqual({
      certificate_transparency_logging_preference: "ENABLED",
    });
  });

  it("disables transparency logging when asked", () => {
    expect(certificate(synthCertificate({ transparencyLogging: false })).options).toEqual({
      certificate_transparency_logging_preference: "DISABLED",
    });
  });

  it("requests an exportable certificate only when asked", () => {
    expect(certificate(synthCertificate({ exportable: true })).options).toEqual({
      certificate_transparency_logging_preference: "ENABLED",
      export: "ENABLED",
    });
  });

  it("creates a replacement before destroying the old certificate", () => {
    expect(certificate(synthCertificate()).lifecycle).toEqual({ create_before_destroy: true });
  });

  it("waits for validation as long as configured", () => {
    expect(validation(synthCertificate({ validationTimeoutMinutes: 20 })).timeouts).toEqual({
      create: "20m",
    });
  });

  it("tags the certificate only when tags are given", () => {
    const untagged = certificate(synthCertificate({ tags: {} }));
    const tagged = certificate(synthCertificate({ tags: { Name: "shop-prod-web" } }));
    expect([untagged.tags, tagged.tags]).toEqual([undefined, { Name: "shop-prod-web" }]);
  });

  it("hands consumers the ARN of the validation, so they wait for issuance", () => {
    const json = synthCertificate(
      {},
      (cert) => new TerraformOutput(cert, "arn", { value: cert.arn }),
    );
    expect(Object.values(json.output ?? {}).map((o) => o.value)).toEqual([
      "${aws_acm_certificate_validation.web.certificate_arn}",
    ]);
  });

  it("waits on the validation records it is given", () => {
    const json = synthCertificate({}, (cert) =>
      cert.waitForRecords(["a.example.com", "b.example.com"]),
    );
    expect(validation(json).validation_record_fqdns).toEqual(["a.example.com", "b.example.com"]);
  });
});

describe("Certificate from a config that sets nothing but its names", () => {
  // The defaults live in the schema; the construct takes every value it is given.
  const json = synthEnvironment(withCertificate("domains: [example.com]"));

  it("uses RSA_2048, logs to Certificate Transparency and asks for no export", () => {
    const cert = resourceOf(json, "aws_acm_certificate", "web");
    expect([cert.key_algorithm, cert.options]).toEqual([
      "RSA_2048",
      { certificate_transparency_logging_preference: "ENABLED" },
    ]);
  });

  it("waits 75 minutes for validation", () => {
    expect(resourceOf(json, "aws_acm_certificate_validation", "web").timeouts).toEqual({
      create: "75m",
    });
  });
});

describe("Certificate limits", () => {
  const fails = (props: Partial<CertificateProps>) => () => synthCertificate(props);

  it("fails when it has no name", () => {
    expect(fails({ domains: [] })).toThrow(
      new Error("stack/web: a certificate has 1 to 100 names, got 0."),
    );
  });

  it("fails when it has more than 100 names", () => {
    const domains = Array.from({ length: 101 }, (_, i) => `host-${i}.example.com`);
    expect(fails({ domains })).toThrow(
      new Error("stack/web: a certificate has 1 to 100 names, got 101."),
    );
  });

  it("takes 100 names", () => {
    const domains = Array.from({ length: 100 }, (_, i) => `host-${i}.example.com`);
    expect(certificate(synthCertificate({ domains })).subject_alternative_names).toHaveLength(99);
  });

  it("fails when the primary name is longer than 64 characters", () => {
    const primary = `${"a".repeat(53)}.example.com`;
    expect(fails({ domains: [primary] })).toThrow(
      new Error(
        `stack/web: the primary name must be 64 characters or less (ACM's limit on the first name), got 65: "${primary}".`,
      ),
    );
  });

  it("takes a longer name as an alternative name", () => {
    const long = `${"a".repeat(53)}.example.com`;
    const cert = certificate(synthCertificate({ domains: ["example.com", long] }));
    expect(cert.subject_alternative_names).toEqual([long]);
  });

  it("fails when a name ends with a dot", () => {
    expect(fails({ domains: ["example.com", "www.example.com."] })).toThrow(
      new Error(
        'stack/web: domains[1] ends with a dot, got "www.example.com.". Fix: write "www.example.com" (ACM rejects the trailing dot).',
      ),
    );
  });

  it("fails when a wildcard is not the leftmost label", () => {
    expect(fails({ domains: ["www.*.example.com"] })).toThrow(
      new Error(
        'stack/web: domains[0] has "*" outside the leftmost label, got "www.*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
      ),
    );
  });

  it("leaves names known only at apply to ACM", () => {
    const later = Fn.lower("WWW.example.com");
    const cert = certificate(synthCertificate({ domains: ["example.com", later] }));
    expect(cert.subject_alternative_names).toEqual(['${lower("WWW.example.com")}']);
  });
});

describe("Certificate.validationRecord", () => {
  /** The record expressions for `domain` of a certificate naming x and *.x. */
  const recordOf = (domain: string) => {
    let value: { name: string; content: string } | undefined;
    synthCertificate({ domains: ["example.com", "*.example.com"] }, (cert) => {
      value = cert.validationRecord(domain);
    });
    return value!;
  };

  it("picks the record name by domain, trailing dot trimmed", () => {
    expect(recordOf("*.example.com").name).toBe(
      '${trimsuffix(one([for o in aws_acm_certificate.web.domain_validation_options : o.resource_record_name if o.domain_name == "*.example.com"]), ".")}',
    );
  });

  it("picks the record value by domain, trailing dot trimmed", () => {
    expect(recordOf("example.com").content).toBe(
      '${trimsuffix(one([for o in aws_acm_certificate.web.domain_validation_options : o.resource_record_value if o.domain_name == "example.com"]), ".")}',
    );
  });

  it("fails when the domain is not one of the certificate's names, naming the construct", () => {
    expect(() => recordOf("www.example.com")).toThrow(
      new Error(
        'stack/web: "www.example.com" is not one of the certificate\'s names (example.com, *.example.com).',
      ),
    );
  });
});

describe("Certificate issued by an AWS Private CA", () => {
  const CA =
    "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";
  const synthPrivate = (props: Partial<CertificateProps> = {}, extra?: (c: Certificate) => void) =>
    synthCertificate({ certificateAuthorityArn: CA, ...props }, extra);

  it("requests it from the CA with no validation method, no options and no waiter", () => {
    const json = synthPrivate({ domains: ["api.internal.corp", "*.internal.corp"] });
    expectCounts(json, { aws_acm_certificate: 1, aws_acm_certificate_validation: 0 });
    expect(certificate(json)).toEqual({
      certificate_authority_arn: CA,
      domain_name: "api.internal.corp",
      subject_alternative_names: ["*.internal.corp"],
      key_algorithm: "RSA_2048",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("hands consumers the certificate's own ARN, and is private", () => {
    let isPrivate: boolean | undefined;
    const json = synthPrivate({}, (c) => {
      isPrivate = c.isPrivate;
      new TerraformOutput(c, "arn", { value: c.arn });
    });
    expect(isPrivate).toBe(true);
    expect(Object.values(json.output ?? {}).map((o) => o.value)).toEqual([
      "${aws_acm_certificate.web.arn}",
    ]);
  });

  it("ignores records it is told to wait on: nothing waits", () => {
    const json = synthPrivate({}, (c) => c.waitForRecords(["_x.example.com"]));
    expectCounts(json, { aws_acm_certificate_validation: 0 });
  });

  it("fails when asked for validation records, naming the construct", () => {
    expect(() => synthPrivate({}, (c) => c.validationRecords())).toThrow(
      new Error(
        "stack/web: validationRecords: a private certificate (certificateAuthorityArn) has no validation records.",
      ),
    );
    expect(() => synthPrivate({}, (c) => c.validationRecord("example.com"))).toThrow(
      new Error(
        "stack/web: validationRecord: a private certificate (certificateAuthorityArn) has no validation records.",
      ),
    );
  });

  it("fails when the ARN is not an AWS Private CA's", () => {
    const arn =
      "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    expect(() => synthPrivate({ certificateAuthorityArn: arn })).toThrow(
      new Error(
        `stack/web: certificateAuthorityArn is not the ARN of an AWS Private CA, got "${arn}". Fix: copy the CA's ARN from \`aws acm-pca list-certificate-authorities\`, of the form arn:aws:acm-pca:<region>:<12-digit account id>:certificate-authority/<id>.`,
      ),
    );
  });

  it("fails when it is also asked to be exportable", () => {
    expect(() => synthPrivate({ exportable: true })).toThrow(
      new Error(
        "stack/web: exportable is for public certificates; ACM exports private ones without it.",
      ),
    );
  });

  it("leaves an ARN known only at apply to ACM", () => {
    const json = synthPrivate({ certificateAuthorityArn: Fn.upper("x") });
    expect(certificate(json).certificate_authority_arn).toBe('${upper("x")}');
  });
});
