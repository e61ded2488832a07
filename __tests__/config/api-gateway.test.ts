// Rules on `attach.apiGateway`, as the config file reports them, and what resolve makes of it.
import { environmentOf, expectProblems, prodConfig, warningsOf, yaml } from "../helpers";

/** Certificate `api` for api.example.com in prod (eu-west-1); `attach` is the YAML after `attach:` (line 9). */
const api = (attach: string, more = "          hostnames: [api.example.com]") =>
  prodConfig(
    `        api:
          domains: [api.example.com]
          attach: ${attach}
${more}`,
    "{}",
  );

const AT = "environments.prod.certificates.api";

describe("attach.apiGateway", () => {
  it("resolves one mapping to a regional HTTP API domain, DNS-only, the certificate in the environment's region", () => {
    const [cert] = environmentOf(
      api("{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: $default } }"),
    ).certificates;
    expect([cert.region, cert.attach, cert.hostnames.map((h) => h.proxied)]).toEqual([
      "eu-west-1",
      {
        kind: "api-gateway",
        type: "http",
        endpoint: "regional",
        mappings: [{ apiId: "a1b2c3d4e5", stage: "$default" }],
      },
      [false],
    ]);
  });

  it("puts the certificate of an edge REST domain in us-east-1", () => {
    const [cert] = environmentOf(
      api("{ apiGateway: { type: rest, endpoint: edge, apiId: a1b2c3d4e5, stage: prod } }"),
    ).certificates;
    expect([cert.region, cert.attach?.kind]).toEqual(["us-east-1", "api-gateway"]);
  });

  it("resolves extraMappings to further mappings of the same domains, in order", () => {
    const [cert] = environmentOf(
      api(`
            apiGateway:
              type: rest
              apiId: a1b2c3d4e5
              stage: prod
              basePath: orders
              extraMappings: [{ apiId: f6g7h8i9j0, stage: prod }]`),
    ).certificates;
    expect(cert.attach).toEqual({
      kind: "api-gateway",
      type: "rest",
      endpoint: "regional",
      mappings: [
        { apiId: "a1b2c3d4e5", stage: "prod", basePath: "orders" },
        { apiId: "f6g7h8i9j0", stage: "prod" },
      ],
    });
  });

  it("fails when the API id, the stage or the base path has the wrong shape", () => {
    expectProblems(
      api(
        '{ apiGateway: { type: rest, apiId: "https://a1b2c3d4e5.execute-api", stage: $default, basePath: "v1/orders" } }',
      ),
      [
        `${AT}.attach.apiGateway.apiId (line 9, column 52): is not an API Gateway API id, got "https://a1b2c3d4e5.execute-api". Fix: copy the API's ID (10 lowercase letters and digits, the first label of https://<api-id>.execute-api.<region>.amazonaws.com) from the console or \`aws apigateway get-rest-apis\` / \`aws apigatewayv2 get-apis\`.`,
        `${AT}.attach.apiGateway.stage (line 9, column 93): is not an API Gateway stage name, got "$default". Fix: write the stage's name: 1 to 128 letters, digits, "-" or "_".`,
        `${AT}.attach.apiGateway.basePath (line 9, column 113): has several levels, got "v1/orders"; certkit maps REST APIs with aws_api_gateway_base_path_mapping, which takes one. Fix: write one level of letters, digits and $-_.+!*'(), without leading or trailing "/", such as "orders", or leave basePath out to map the domain's root.`,
      ],
    );
  });

  it("fails when a base path has a character API Gateway refuses", () => {
    expectProblems(
      api("{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live, basePath: /orders } }"),
      [
        `${AT}.attach.apiGateway.basePath (line 9, column 87): is not an API Gateway base path, got "/orders". Fix: write levels of letters, digits and $-_.+!*'() separated by "/", without leading or trailing "/", such as "orders" or "orders/v1", or leave basePath out to map the domain's root.`,
      ],
    );
  });

  it("fails when an HTTP API asks for an edge domain", () => {
    expectProblems(
      api("{ apiGateway: { type: http, endpoint: edge, apiId: a1b2c3d4e5, stage: live } }"),
      [
        `${AT}.attach.apiGateway.endpoint (line 9, column 55): edge is for REST APIs only: HTTP and WebSocket APIs have regional custom domain names (aws_apigatewayv2_domain_name takes endpoint type REGIONAL only). Fix: use endpoint: regional, or type: rest if the API is a REST API.`,
      ],
    );
  });

  it("fails when two mappings of one domain share a base path, the root included", () => {
    expectProblems(
      api(`
            apiGateway:
              type: rest
              apiId: a1b2c3d4e5
              stage: prod
              extraMappings:
                - { apiId: f6g7h8i9j0, stage: prod, basePath: v2 }
                - { apiId: k1l2m3n4o5, stage: beta }
                - { apiId: p6q7r8s9t0, stage: beta, basePath: v2 }`),
      [
        `${AT}.attach.apiGateway.extraMappings[1] (line 16, column 17): maps the domain's root again, as ${AT}.attach.apiGateway does; a path of a custom domain reaches one API. Fix: give each mapping its own basePath.`,
        `${AT}.attach.apiGateway.extraMappings[2].basePath (line 17, column 61): maps base path "v2" again, as ${AT}.attach.apiGateway.extraMappings[0] does; a path of a custom domain reaches one API. Fix: give each mapping its own basePath.`,
      ],
    );
  });

  it("fails when an extra mapping has the wrong shape, checked for the domain's type", () => {
    expectProblems(
      api(
        "{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: $default, extraMappings: [{ apiId: F6G7H8I9J0, stage: $default, basePath: a/b }] } }",
      ),
      [
        `${AT}.attach.apiGateway.extraMappings[0].apiId (line 9, column 106): is not an API Gateway API id, got "F6G7H8I9J0". Fix: copy the API's ID (10 lowercase letters and digits, the first label of https://<api-id>.execute-api.<region>.amazonaws.com) from the console or \`aws apigateway get-rest-apis\` / \`aws apigatewayv2 get-apis\`.`,
      ],
    );
  });

  it("fails without hostnames: they are the domain names", () => {
    expectProblems(api("{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live } }", ""), [
      `${AT}.hostnames (line 8, column 9): are required with attach.apiGateway: each hostname becomes a custom domain name serving the certificate. Fix: add the API's hostnames (covered by the certificate's domains).`,
    ]);
  });

  it("fails when an edge domain's certificate has an EC P-384 key", () => {
    expectProblems(
      api(
        "{ apiGateway: { type: rest, endpoint: edge, apiId: a1b2c3d4e5, stage: live } }",
        "          hostnames: [api.example.com]\n          keyAlgorithm: EC_secp384r1",
      ),
      [
        `${AT}.keyAlgorithm (line 11, column 23): EC_secp384r1 cannot be served by an edge-optimized API Gateway domain: API Gateway serves it from a CloudFront distribution, which takes RSA_2048 and EC_prime256v1 only. Fix: use EC_prime256v1, or RSA_2048 (the default), or endpoint: regional.`,
      ],
    );
  });

  it("fails when two certificates make the same custom domain, and says how to share it", () => {
    const second = [
      "          hostnames: [api.example.com]",
      "        api2:",
      "          domains: [api.example.com]",
      "          attach: { apiGateway: { type: http, apiId: f6g7h8i9j0, stage: live, basePath: v2 } }",
      "          hostnames: [api.example.com]",
    ].join("\n");
    expectProblems(api("{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live } }", second), [
      `environments.prod.certificates.api2.hostnames[0] (line 14, column 21): "api.example.com" is already an API Gateway custom domain name of ${AT}.hostnames[0]; a domain name carries one certificate. Fix: remove it here and map this API onto that domain: add it to that certificate's attach.apiGateway.extraMappings with its own basePath.`,
    ]);
  });

  it("fails when one certificate lists a hostname twice, with the plain fix", () => {
    expectProblems(
      api(
        "{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live } }",
        "          hostnames: [api.example.com, API.example.com]",
      ),
      [
        `${AT}.hostnames[1] (line 10, column 38): "api.example.com" is already claimed by ${AT}.hostnames[0]; one name has one record. Fix: keep one.`,
      ],
    );
  });

  // Each environment's domain and APIs live in its own account and region: sharing is no fix there.
  it("fails when two environments make the same custom domain, and asks for a hostname each (a DNS label)", () => {
    const api = (id: string) =>
      `{ domains: [api.example.com, "*.api.example.com"], attach: { apiGateway: { type: http, apiId: ${id}, stage: $default } }, hostnames: [api.example.com] }`;
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod: { region: eu-west-1, accountId: "111111111111", certificates: { api: ${api("a1b2c3d4e5")} } }
          pre_prod-: { region: eu-west-1, accountId: "222222222222", certificates: { api: ${api("f6g7h8i9j0")} } }
      `,
      [
        `environments.pre_prod-.certificates.api.hostnames[0] (line 4, column 222): "api.example.com" is already an API Gateway custom domain name of environments.prod.certificates.api.hostnames[0]; a domain name carries one certificate. Environment pre_prod- cannot map its APIs onto environment prod's domain: a custom domain and the APIs mapped onto it are in one account and region, and the name is unique in a region across all AWS accounts. Fix: give each environment its own hostname, such as "pre-prod.api.example.com", covered by this certificate's domains.`,
      ],
    );
  });

  it("fails when apiGateway comes with another endpoint kind", () => {
    expectProblems(
      api(
        "{ apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live }, cloudfront: { origin: o.example.net } }",
      ),
      [
        `${AT}.attach (line 9, column 17): needs exactly one of alb, nlb, cloudfront, apiGateway, got cloudfront and apiGateway. Fix: one certificate per endpoint kind (CloudFront's must live in us-east-1).`,
      ],
    );
  });
});

describe("hostnames of an API Gateway domain", () => {
  it("warns when one is proxied in front of an edge domain: two CDNs in series", () => {
    expect(
      warningsOf(
        api(
          "{ apiGateway: { type: rest, endpoint: edge, apiId: a1b2c3d4e5, stage: live } }",
          "          hostnames: [{ name: api.example.com, proxied: true }]",
        ),
      ),
    ).toEqual([
      "environments.prod (line 4, column 5): nobody is notified of certificate expiry in us-east-1: certificate api sets neither alarm.emails nor alarm.topicArn. The alarms, the event rule and the topic are still created; set alarm.emails (in defaults to cover every environment) or subscribe to the topic.",
      `${AT}.hostnames[0].name (line 10, column 29): "api.example.com" is proxied in front of an edge-optimized API Gateway domain (a CloudFront distribution): two CDNs in series (responses cached twice, CloudFront sees Cloudflare's addresses instead of the viewers'). Leave out proxied: true unless Cloudflare's features are wanted in front; see docs/endpoints.md.`,
      `${AT}.hostnames[0].name (line 10, column 29): "api.example.com" is proxied, but zone example.com does not set sslMode: strict. Anything weaker than Full (strict) fails or loops (Flexible + HTTPS redirect) in front of an HTTPS endpoint: set cloudflare.zones["example.com"].sslMode: strict, or make sure the zone already uses it.`,
    ]);
  });
});
