// examples/api-gateway planned offline with the real AWS provider (all AWS-side;
// Cloudflare records stood in by terraform_data): the domains and mappings as
// the provider plans them, and the edge domain's certificate in us-east-1.
import { join } from "node:path";
import { loadConfigFile } from "../../config/load";
import { type PlanResult, describePlan, planFirstEnvironment } from "./harness";
import { configured, plannedCreate, providerRegions } from "./plan-queries";

const FILE = join(__dirname, "..", "..", "examples", "api-gateway", "certkit.yaml");

describePlan("examples/api-gateway planned offline", () => {
  let plan: PlanResult;
  beforeAll(async () => {
    plan = await planFirstEnvironment(loadConfigFile(FILE).config);
  });

  it("requests the edge domain's certificate through the us-east-1 provider, the others in eu-west-1", () => {
    expect(providerRegions(plan)).toMatchObject({ aws: "eu-west-1", "aws.us_east_1": "us-east-1" });
    expect(
      ["edge-api", "http-api", "rest-apis"].map(
        (c) => configured(plan, `aws_acm_certificate.${c}`).provider_config_key,
      ),
    ).toEqual(["aws.us_east_1", "aws", "aws"]);
    // The domain itself lives in the API's region, with the us-east-1 certificate's ARN.
    const edge = configured(plan, "aws_api_gateway_domain_name.domain_edge_example_com");
    expect([edge.provider_config_key, edge.expressions.certificate_arn.references]).toEqual([
      "aws",
      [
        "aws_acm_certificate_validation.edge-api.certificate_arn",
        "aws_acm_certificate_validation.edge-api",
      ],
    ]);
  });

  it("plans the HTTP API's regional TLS 1.2 domain and its mapping", () => {
    expect(
      plannedCreate(plan, "aws_apigatewayv2_domain_name.domain_api_example_com"),
    ).toMatchObject({
      domain_name: "api.example.com",
      domain_name_configuration: [{ endpoint_type: "REGIONAL", security_policy: "TLS_1_2" }],
    });
    expect(
      plannedCreate(plan, "aws_apigatewayv2_api_mapping.domain_api_example_com__root"),
    ).toMatchObject({ api_id: "a1b2c3d4e5", stage: "$default" });
  });

  it("plans the REST domains, regional and edge, and their base path mappings", () => {
    expect([
      plannedCreate(plan, "aws_api_gateway_domain_name.domain_shop_example_com"),
      plannedCreate(plan, "aws_api_gateway_domain_name.domain_edge_example_com"),
    ]).toMatchObject([
      { endpoint_configuration: [{ types: ["REGIONAL"] }], security_policy: "TLS_1_2" },
      { endpoint_configuration: [{ types: ["EDGE"] }], security_policy: "TLS_1_2" },
    ]);
    expect(
      plan
        .byType("aws_api_gateway_base_path_mapping")
        .map((r) => [r.address, r.values.base_path ?? null, r.values.stage_name])
        .sort(),
    ).toEqual([
      ["aws_api_gateway_base_path_mapping.domain_edge_example_com__root", null, "live"],
      ["aws_api_gateway_base_path_mapping.domain_shop_example_com__path_orders", "orders", "prod"],
      ["aws_api_gateway_base_path_mapping.domain_shop_example_com__path_users", "users", "prod"],
    ]);
  });
});
