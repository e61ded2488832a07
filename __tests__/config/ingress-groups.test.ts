// The certificates of one Ingress group share one ALB and one set of Helm values.
import { environmentOf, expectProblems, prodConfig } from "../helpers";

const TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** prod with certificates `web` and `api`; `web`/`api` are the rest of their `alb` flow maps. */
const shop = (web: string, api: string) =>
  prodConfig(
    `        web: { domains: [www.example.com], attach: { alb: { cluster: eks, ${web} } } }
        api: { domains: [api.example.com], attach: { alb: { cluster: eks, ${api} } } }`,
    "{}",
  );

const policies = (text: string) =>
  environmentOf(text).certificates.map(
    (c) => c.attach?.kind === "alb-ingress" && c.attach.sslPolicy,
  );

describe("the sslPolicy of an Ingress group", () => {
  it("may be set on every certificate of the group alike", () => {
    const web = `ingressGroup: shop, sslPolicy: ${TLS13}`;
    expect(policies(shop(web, web))).toEqual([TLS13, TLS13]);
  });

  it("may differ between groups", () => {
    const text = shop("ingressGroup: shop", `ingressGroup: blog, sslPolicy: ${TLS13}`);
    expect(policies(text)).toEqual(["ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", TLS13]);
  });

  it("fails when certificates of one group set different policies, the default one of them", () => {
    expectProblems(shop("ingressGroup: shop", `ingressGroup: shop, sslPolicy: ${TLS13}`), [
      `environments.prod.certificates.api.attach.alb.sslPolicy (line 8, column 104): is ${TLS13}, but environments.prod.certificates.web.attach.alb.sslPolicy of the same Ingress group (group shop on cluster eks) is ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09; the AWS Load Balancer Controller sets one ssl-policy per group, and its Helm values would carry only ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09. Fix: give every certificate of the group the same sslPolicy (leave it out on all of them for the default).`,
    ]);
  });
});
