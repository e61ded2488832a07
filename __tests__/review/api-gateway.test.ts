// The review of API Gateway domains: the certificate's cells and the diagram's endpoint node.
import { fieldTable, reviewOfFile } from "./helpers";

describe("examples/api-gateway in the review", () => {
  const { review } = reviewOfFile("examples/api-gateway/certkit.yaml");
  const page = review.files.get("prod.md")!;
  const attached = (cert: string) => fieldTable(page, `Certificate \`${cert}\``)["Attached to"];

  test("each certificate says which domain kind serves it and what each path reaches", () => {
    expect([attached("http-api"), attached("rest-apis"), attached("edge-api")]).toEqual([
      "API Gateway regional custom domain for each hostname, TLS 1.2; `/` to HTTP API `a1b2c3d4e5` stage `$default`",
      "API Gateway regional custom domain for each hostname, TLS 1.2; `/orders` to REST API `f6g7h8i9j0` stage `prod`, `/users` to REST API `k1l2m3n4o5` stage `prod`",
      "API Gateway edge-optimized custom domain (API Gateway's CloudFront distribution; certificate in us-east-1) for each hostname, TLS 1.2; `/` to REST API `p6q7r8s9t0` stage `live`",
    ]);
  });

  test("the edge domain's certificate is in us-east-1, the others in the environment's region", () => {
    const region = (cert: string) => fieldTable(page, `Certificate \`${cert}\``).Region;
    expect([region("http-api"), region("rest-apis"), region("edge-api")]).toEqual([
      "eu-west-1",
      "eu-west-1",
      "us-east-1",
    ]);
  });

  test("the diagram: hostname -> domain -> certificate, one node per domain kind", () => {
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)![1];
    expect(mermaid).toContain(
      'endpoint_rest_apis["API Gateway regional domain<br/>/orders to f6g7h8i9j0 prod<br/>/users to k1l2m3n4o5 prod"]',
    );
    expect(mermaid).toContain(
      'endpoint_edge_api["API Gateway edge domain<br/>/ to p6q7r8s9t0 live"]',
    );
    expect(mermaid).toContain("host_shop_example_com -->|DNS only| endpoint_rest_apis");
    expect(mermaid).toContain("endpoint_edge_api -->|serves| certificate_edge_api");
  });
});
