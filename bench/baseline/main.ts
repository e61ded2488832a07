// The benchmark's baseline (`npm run bench`): one environment with one
// certificate, written the way cdktf's TypeScript template runs an app —
// `ts-node main.ts` with type-checking, provider bindings imported from their
// package roots. It loads every binding (~2,200 modules) and type-checks their
// declarations, which is what certkit avoids; the root-import guard
// (__tests__/guards/provider-imports.test.ts) skips this directory on purpose.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { acmCertificate, acmCertificateValidation, provider as aws } from "@cdktf/provider-aws";
import { dnsRecord, provider as cloudflare } from "@cdktf/provider-cloudflare";

const ZONE_ID = "0123456789abcdef0123456789abcdef";

class CertificateStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new aws.AwsProvider(this, "aws", {
      region: "eu-west-1",
      allowedAccountIds: ["210987654321"],
      defaultTags: [{ tags: { environment: id, "managed-by": "certkit" } }],
    });
    new cloudflare.CloudflareProvider(this, "cloudflare", {});

    const cert = new acmCertificate.AcmCertificate(this, "web", {
      domainName: "staging.example.com",
      subjectAlternativeNames: ["*.staging.example.com"],
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      options: { certificateTransparencyLoggingPreference: "ENABLED" },
      lifecycle: { createBeforeDestroy: true },
    });
    // `staging.example.com` and `*.staging.example.com` share one validation CNAME.
    const pick = (attr: string) =>
      `\${trimsuffix(one([for o in ${cert.terraformResourceType}.web.domain_validation_options : o.${attr} if o.domain_name == "staging.example.com"]), ".")}`;
    const record = new dnsRecord.DnsRecord(this, "acm_validation_staging_example_com", {
      zoneId: ZONE_ID,
      name: pick("resource_record_name"),
      type: "CNAME",
      content: pick("resource_record_value"),
      proxied: false,
      ttl: 60,
      comment: "ACM validation, staging: web. Keep: renewals need it.",
    });
    const validation = new acmCertificateValidation.AcmCertificateValidation(
      this,
      "web_validation",
      {
        certificateArn: cert.arn,
        validationRecordFqdns: [record.name],
        timeouts: { create: "75m" },
      },
    );
    new TerraformOutput(this, "certificate_arn_web", { value: validation.certificateArn });
  }
}

const app = new App();
new CertificateStack(app, "staging");
app.synth();
