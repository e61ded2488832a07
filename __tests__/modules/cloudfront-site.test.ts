// CloudFrontSite on its own: what it passes through, and the limits it checks
// without the config's rules.
import { Fn, Testing } from "cdktf";
import { CloudFrontSite, type CloudFrontSiteProps } from "../../modules/endpoints/cloudfront-site";
import { SynthJson, resourceOf } from "../helpers";

/** The values the config gives a distribution that sets nothing but its origin. */
const BASE: CloudFrontSiteProps = {
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/cdn",
  origin: "origin.example.net",
  priceClass: "PriceClass_100",
  cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  minimumProtocolVersion: "TLSv1.2_2021",
  comment: "certkit prod/cdn",
};

function synth(props: Partial<CloudFrontSiteProps> = {}): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new CloudFrontSite(scope, "cdn", { ...BASE, ...props });
    }),
  ) as SynthJson;
}

const distribution = (json: SynthJson) => resourceOf(json, "aws_cloudfront_distribution", "cdn");

describe("CloudFrontSite", () => {
  it("uses the price class, cache policy and TLS version it is given", () => {
    const d = distribution(
      synth({
        priceClass: "PriceClass_All",
        cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        minimumProtocolVersion: "TLSv1.2_2019",
      }),
    );
    expect([
      d.price_class,
      (d.default_cache_behavior as Record<string, unknown>).cache_policy_id,
      (d.viewer_certificate as Record<string, unknown>).minimum_protocol_version,
    ]).toEqual(["PriceClass_All", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "TLSv1.2_2019"]);
  });

  it.each(["RSA_2048", "EC_prime256v1"] as const)("serves an %s certificate", (alg) => {
    expect(distribution(synth({ certificateKeyAlgorithm: alg })).aliases).toBeUndefined();
  });

  it("fails when the certificate's key is EC_secp384r1", () => {
    expect(() => synth({ certificateKeyAlgorithm: "EC_secp384r1" })).toThrow(
      new Error(
        "stack/cdn: CloudFront serves RSA_2048 and EC_prime256v1 certificates only, got EC_secp384r1.",
      ),
    );
  });

  it("answers to its aliases, wildcards included", () => {
    const aliases = ["cdn.example.com", "*.cdn.example.com"];
    expect(distribution(synth({ aliases })).aliases).toEqual(aliases);
  });

  it("fails when an alias ends with a dot", () => {
    expect(() => synth({ aliases: ["cdn.example.com", "www.example.com."] })).toThrow(
      new Error(
        'stack/cdn: aliases[1] ends with a dot, got "www.example.com.". Fix: write "www.example.com" (ACM rejects the trailing dot).',
      ),
    );
  });

  it("fails when an alias repeats another, ignoring case", () => {
    expect(() => synth({ aliases: ["cdn.example.com", "CDN.example.com"] })).toThrow(
      new Error('stack/cdn: aliases[1] repeats "CDN.example.com"; each alias is listed once.'),
    );
  });

  it("leaves aliases known only at apply to CloudFront", () => {
    const later = Fn.lower("CDN.example.com");
    expect(distribution(synth({ aliases: [later] })).aliases).toEqual([
      '${lower("CDN.example.com")}',
    ]);
  });
});
