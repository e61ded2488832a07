// ApiGatewayDomain on its own: the resources of each kind of domain, what the
// hostname points at, and the limits it checks without the config's rules.
import { Testing, TerraformOutput } from "cdktf";
import {
  ApiGatewayDomain,
  type ApiGatewayDomainProps,
} from "../../modules/endpoints/api-gateway-domain";
import { SynthJson, expectCounts, resourcesOf } from "../helpers";

const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/api";

const BASE: ApiGatewayDomainProps = {
  domainName: "api.example.com",
  certificateArn: ARN,
  apiType: "http",
  mappings: [{ apiId: "a1b2c3d4e5", stage: "$default" }],
  resourceName: "domain_api_example_com",
};

/** The synthesized scope, with the target as outputs `dns` and `zone`. */
function synth(props: Partial<ApiGatewayDomainProps> = {}): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const d = new ApiGatewayDomain(scope, "api", { ...BASE, ...props });
      new TerraformOutput(scope, "dns", { value: d.target.dnsName });
      new TerraformOutput(scope, "zone", { value: d.target.hostedZoneId });
    }),
  ) as SynthJson;
}

const target = (json: SynthJson) => [json.output?.dns.value, json.output?.zone.value];

describe("ApiGatewayDomain", () => {
  it("makes an HTTP API's regional TLS 1.2 domain, its mappings, and points at its target", () => {
    const json = synth({
      mappings: [
        { apiId: "a1b2c3d4e5", stage: "$default" },
        { apiId: "f6g7h8i9j0", stage: "live", basePath: "orders/v1" },
      ],
    });
    expect([
      resourcesOf(json, "aws_apigatewayv2_domain_name"),
      resourcesOf(json, "aws_apigatewayv2_api_mapping"),
      target(json),
    ]).toEqual([
      {
        domain_api_example_com: {
          domain_name: "api.example.com",
          domain_name_configuration: {
            certificate_arn: ARN,
            endpoint_type: "REGIONAL",
            security_policy: "TLS_1_2",
          },
        },
      },
      {
        domain_api_example_com__root: {
          api_id: "a1b2c3d4e5",
          domain_name: "${aws_apigatewayv2_domain_name.domain_api_example_com.id}",
          stage: "$default",
        },
        domain_api_example_com__path_orders_2fv1: {
          api_id: "f6g7h8i9j0",
          api_mapping_key: "orders/v1",
          domain_name: "${aws_apigatewayv2_domain_name.domain_api_example_com.id}",
          stage: "live",
        },
      },
      [
        "${aws_apigatewayv2_domain_name.domain_api_example_com.domain_name_configuration[0].target_domain_name}",
        "${aws_apigatewayv2_domain_name.domain_api_example_com.domain_name_configuration[0].hosted_zone_id}",
      ],
    ]);
  });

  it("makes a REST API's regional domain with regional_certificate_arn and base path mappings", () => {
    const json = synth({
      apiType: "rest",
      mappings: [{ apiId: "a1b2c3d4e5", stage: "prod", basePath: "orders" }],
    });
    expectCounts(json, { aws_apigatewayv2_domain_name: 0, aws_apigatewayv2_api_mapping: 0 });
    expect([
      resourcesOf(json, "aws_api_gateway_domain_name"),
      resourcesOf(json, "aws_api_gateway_base_path_mapping"),
      target(json),
    ]).toEqual([
      {
        domain_api_example_com: {
          domain_name: "api.example.com",
          endpoint_configuration: { types: ["REGIONAL"] },
          regional_certificate_arn: ARN,
          security_policy: "TLS_1_2",
        },
      },
      {
        domain_api_example_com__path_orders: {
          api_id: "a1b2c3d4e5",
          base_path: "orders",
          domain_name: "${aws_api_gateway_domain_name.domain_api_example_com.domain_name}",
          stage_name: "prod",
        },
      },
      [
        "${aws_api_gateway_domain_name.domain_api_example_com.regional_domain_name}",
        "${aws_api_gateway_domain_name.domain_api_example_com.regional_zone_id}",
      ],
    ]);
  });

  it("makes a REST API's edge domain with certificate_arn, pointing at its CloudFront name", () => {
    const json = synth({
      apiType: "rest",
      endpoint: "edge",
      mappings: [{ apiId: "a1b2c3d4e5", stage: "prod" }],
    });
    expect([resourcesOf(json, "aws_api_gateway_domain_name"), target(json)]).toEqual([
      {
        domain_api_example_com: {
          certificate_arn: ARN,
          domain_name: "api.example.com",
          endpoint_configuration: { types: ["EDGE"] },
          security_policy: "TLS_1_2",
        },
      },
      [
        "${aws_api_gateway_domain_name.domain_api_example_com.cloudfront_domain_name}",
        "${aws_api_gateway_domain_name.domain_api_example_com.cloudfront_zone_id}",
      ],
    ]);
  });

  it("names each mapping after its base path, so that paths differing only in punctuation differ", () => {
    const json = synth({
      mappings: [
        { apiId: "a1b2c3d4e5", stage: "live", basePath: "v1.0" },
        { apiId: "a1b2c3d4e5", stage: "live", basePath: "v1-0" },
        { apiId: "a1b2c3d4e5", stage: "live", basePath: "v1_0" },
      ],
    });
    expect(Object.keys(resourcesOf(json, "aws_apigatewayv2_api_mapping")).sort()).toEqual([
      "domain_api_example_com__path_v1-0",
      "domain_api_example_com__path_v1_2e0",
      "domain_api_example_com__path_v1_5f0",
    ]);
  });

  it("fails when an HTTP API asks for an edge domain", () => {
    expect(() => synth({ endpoint: "edge" })).toThrow(
      new Error(
        "stack/api: edge domains are for REST APIs only; an HTTP or WebSocket API's domain is regional.",
      ),
    );
  });

  it("fails when an edge domain's certificate has an EC P-384 key", () => {
    expect(() =>
      synth({ apiType: "rest", endpoint: "edge", certificateKeyAlgorithm: "EC_secp384r1" }),
    ).toThrow(
      new Error(
        "stack/api: an edge domain serves RSA_2048 and EC_prime256v1 certificates only, got EC_secp384r1.",
      ),
    );
  });

  it("serves an EC P-384 certificate on a regional domain", () => {
    expectCounts(synth({ certificateKeyAlgorithm: "EC_secp384r1" }), {
      aws_apigatewayv2_domain_name: 1,
    });
  });

  it("fails when two mappings share a base path", () => {
    expect(() =>
      synth({
        mappings: [
          { apiId: "a1b2c3d4e5", stage: "live" },
          { apiId: "f6g7h8i9j0", stage: "live" },
        ],
      }),
    ).toThrow(
      new Error("stack/api: mappings[1] repeats the root; each path of a domain reaches one API."),
    );
  });

  it("fails when it has no mapping", () => {
    expect(() => synth({ mappings: [] })).toThrow(
      new Error("stack/api: mappings is empty; a domain serves at least one API."),
    );
  });

  it("fails when a REST API's base path has several levels", () => {
    expect(() =>
      synth({ apiType: "rest", mappings: [{ apiId: "a1b2c3d4e5", stage: "p", basePath: "a/b" }] }),
    ).toThrow(
      new Error(
        `stack/api: mappings[0].basePath has several levels, got "a/b"; certkit maps REST APIs with aws_api_gateway_base_path_mapping, which takes one. Fix: write one level of letters, digits and $-_.+!*'(), without leading or trailing "/", such as "orders", or leave basePath out to map the domain's root.`,
      ),
    );
  });

  it("fails when the domain name ends with a dot", () => {
    expect(() => synth({ domainName: "api.example.com." })).toThrow(
      new Error(
        'stack/api: domainName ends with a dot, got "api.example.com.". Fix: write "api.example.com" (ACM rejects the trailing dot).',
      ),
    );
  });
});
