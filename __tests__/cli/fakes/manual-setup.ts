// The guide's manual setup (its section "CLI Workflow — Certificate with Third-Party
// DNS (Cloudflare) + EKS"), as live state: a certificate requested with the CLI, its
// validation CNAME and a proxied app CNAME typed into Cloudflare, and one unrelated
// A record. The config describing it is __tests__/fixtures/manual-setup/certkit.yaml.
import { join } from "node:path";
import type { FakeCertificate } from "./acm-api";
import type { FakeZone } from "./cloudflare-api";

export const FIXTURE_CONFIG = join(
  __dirname,
  "..",
  "..",
  "fixtures",
  "manual-setup",
  "certkit.yaml",
);

export const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
export const CERT_ARN =
  "arn:aws:acm:us-east-1:123456789012:certificate/6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
export const VALIDATION_RECORD_ID = "372e67954025e0ba6aaa6d586b9e0b59";
export const APP_RECORD_ID = "9a7806061c88ada191ed06f989cc3dac";
export const ALB_DNS_NAME = "k8s-ecomeks-0a1b2c3d4e-1234567890.us-east-1.elb.amazonaws.com";
const ALB_ARN =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/k8s-ecomeks-0a1b2c3d4e/50dc6c495c0c9188";

export const manualZone = (): FakeZone => ({
  id: ZONE_ID,
  name: "example.com",
  records: [
    {
      id: "e5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0",
      name: "mail.example.com",
      type: "A",
      content: "192.0.2.10",
    },
    {
      id: VALIDATION_RECORD_ID,
      name: "_abc123def456.retail.example.com",
      type: "CNAME",
      content: "_xyz789qrs012.acm-validations.aws",
      ttl: 300,
    },
    {
      id: APP_RECORD_ID,
      name: "retail.example.com",
      type: "CNAME",
      content: ALB_DNS_NAME,
      proxied: true,
    },
  ],
});

export const manualCertificate = (): FakeCertificate => ({
  arn: CERT_ARN,
  names: ["retail.example.com"],
  status: "ISSUED",
  renewalEligibility: "ELIGIBLE",
  inUseBy: [ALB_ARN],
  issuedAt: 1777000000,
  validation: {
    "retail.example.com": {
      name: "_abc123def456.retail.example.com.",
      value: "_xyz789qrs012.acm-validations.aws.",
    },
  },
});
