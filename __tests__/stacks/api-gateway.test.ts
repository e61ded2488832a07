// attach.apiGateway in an environment's stack: one custom domain per hostname, its
// record pointing at that domain, the validated ARN, and the edge certificate in us-east-1.
import {
  expectCounts,
  prodConfig,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  SynthJson,
} from "../helpers";

const appRecord = (json: SynthJson, id: string) => {
  const { content, name, proxied, type } = resourceOf(json, "cloudflare_dns_record", id);
  return { content, name, proxied, type };
};

describe("an HTTP API on two hostnames", () => {
  const json = synthEnvironment(
    prodConfig(`        api:
          domains: [api.example.com, api2.example.com]
          attach: { apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live, basePath: v1 } }
          hostnames: [api.example.com, api2.example.com]`),
  );

  it("makes a domain and a mapping per hostname, serving the validated certificate", () => {
    expectCounts(json, { aws_apigatewayv2_domain_name: 2, aws_apigatewayv2_api_mapping: 2 });
    const domain = resourceOf(json, "aws_apigatewayv2_domain_name", "domain_api2_example_com");
    expect(domain.domain_name_configuration).toEqual({
      certificate_arn: "${aws_acm_certificate_validation.api.certificate_arn}",
      endpoint_type: "REGIONAL",
      security_policy: "TLS_1_2",
    });
    expect(
      resourceOf(json, "aws_apigatewayv2_api_mapping", "domain_api2_example_com__path_v1"),
    ).toMatchObject({ api_mapping_key: "v1", stage: "live" });
  });

  it("points each hostname, DNS-only, at its own domain's regional name", () => {
    expect([
      appRecord(json, "app_api_example_com"),
      appRecord(json, "app_api2_example_com"),
    ]).toEqual([
      {
        content:
          "${aws_apigatewayv2_domain_name.domain_api_example_com.domain_name_configuration[0].target_domain_name}",
        name: "api.example.com",
        proxied: false,
        type: "CNAME",
      },
      {
        content:
          "${aws_apigatewayv2_domain_name.domain_api2_example_com.domain_name_configuration[0].target_domain_name}",
        name: "api2.example.com",
        proxied: false,
        type: "CNAME",
      },
    ]);
  });

  it("outputs each hostname's target as endpoint_<certificate>", () => {
    expect(json.output?.endpoint_api).toEqual({
      description:
        "Where each of api's hostnames points: its API Gateway custom domain's own name.",
      value: {
        "api.example.com":
          "${aws_apigatewayv2_domain_name.domain_api_example_com.domain_name_configuration[0].target_domain_name}",
        "api2.example.com":
          "${aws_apigatewayv2_domain_name.domain_api2_example_com.domain_name_configuration[0].target_domain_name}",
      },
    });
  });
});

describe("a REST API on an edge domain", () => {
  const json = synthEnvironment(
    prodConfig(`        edge:
          domains: [edge.example.com]
          attach: { apiGateway: { type: rest, endpoint: edge, apiId: a1b2c3d4e5, stage: prod } }
          hostnames: [{ name: edge.example.com, proxied: true }]`),
  );

  it("requests the certificate in us-east-1 and the domain in the environment's region", () => {
    const domain = resourceOf(json, "aws_api_gateway_domain_name", "domain_edge_example_com");
    expect([
      resourceOf(json, "aws_acm_certificate", "edge").provider,
      domain.provider,
      domain.certificate_arn,
      domain.regional_certificate_arn,
    ]).toEqual([
      "aws.us_east_1",
      undefined,
      "${aws_acm_certificate_validation.edge.certificate_arn}",
      undefined,
    ]);
  });

  it("maps the stage at the root and points the record at the CloudFront name, proxied when asked", () => {
    expect([
      Object.values(resourcesOf(json, "aws_api_gateway_base_path_mapping")),
      appRecord(json, "app_edge_example_com"),
    ]).toEqual([
      [
        {
          api_id: "a1b2c3d4e5",
          domain_name: "${aws_api_gateway_domain_name.domain_edge_example_com.domain_name}",
          stage_name: "prod",
        },
      ],
      {
        content: "${aws_api_gateway_domain_name.domain_edge_example_com.cloudfront_domain_name}",
        name: "edge.example.com",
        proxied: true,
        type: "CNAME",
      },
    ]);
  });
});
