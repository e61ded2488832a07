// The only file that imports provider bindings. Each class comes from its own
// path (loading a package root costs ~20 s and >1 GB); moving to the cdktn fork
// means changing the package names here and nowhere else.
export { AwsProvider, type AwsProviderAssumeRole } from "@cdktf/provider-aws/lib/provider";
export { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
export { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
export { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
export { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
export { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
export { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
export { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
export { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
export { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
export { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
export { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
export { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
export { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
export { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";

export { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
export { DnsRecord } from "@cdktf/provider-cloudflare/lib/dns-record";
export { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
export { ZoneSetting } from "@cdktf/provider-cloudflare/lib/zone-setting";
export { CertificatePack } from "@cdktf/provider-cloudflare/lib/certificate-pack";
export { TotalTls } from "@cdktf/provider-cloudflare/lib/total-tls";
