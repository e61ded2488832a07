// The only file that imports provider bindings. Each class comes from its own
// path (loading a package root costs ~20 s and >1 GB); moving to the cdktn fork
// means changing the package names here and nowhere else.
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
export { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";

export { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
export { DnsRecord } from "@cdktf/provider-cloudflare/lib/dns-record";
export { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
