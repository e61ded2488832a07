import { IngressAttachment, ingressGroups } from "../../domains/ingress-groups";

interface Cert {
  readonly name: string;
  readonly ingress?: IngressAttachment;
}
const on = (
  cluster: string,
  ingressGroup: string,
  sslPolicy = "p1",
  scheme = "internet-facing",
) => ({
  cluster,
  ingressGroup,
  sslPolicy,
  scheme,
});
const group = (certs: Cert[]) => ingressGroups(certs, (c) => c.ingress);

describe("ingressGroups", () => {
  it("groups by cluster and group, in the order of each group's first certificate", () => {
    const groups = group([
      { name: "a", ingress: on("eks", "shop") },
      { name: "b", ingress: on("eks", "blog") },
      { name: "c" },
      { name: "d", ingress: on("eks", "shop") },
      { name: "e", ingress: on("other", "shop") },
    ]);
    expect(
      groups.map((g) => [g.cluster, g.ingressGroup, g.certificates.map((c) => c.name)]),
    ).toEqual([
      ["eks", "shop", ["a", "d"]],
      ["eks", "blog", ["b"]],
      ["other", "shop", ["e"]],
    ]);
  });

  it("takes sslPolicy and scheme from the group's first certificate", () => {
    const [g] = group([
      { name: "a", ingress: on("eks", "shop", "p1", "internal") },
      { name: "b", ingress: on("eks", "shop", "p2", "internet-facing") },
    ]);
    expect([g.sslPolicy, g.scheme]).toEqual(["p1", "internal"]);
  });

  it("names the Helm values output and the ALB lookup with Terraform-safe characters", () => {
    const [g] = group([{ name: "a", ingress: on("prod-eks", "team/shop.v2") }]);
    expect([g.output, g.lookupId]).toEqual([
      "helm_values_prod-eks_team_shop_v2",
      "alb_prod-eks_team_shop_v2",
    ]);
  });

  it("keeps apart groups whose names meet only after the output name's substitution", () => {
    const groups = group([
      { name: "a", ingress: on("a", "b/c") },
      { name: "b", ingress: on("a_b", "c") },
      { name: "c", ingress: on("a/b", "c") },
    ]);
    expect(groups.map((g) => [g.certificates.map((c) => c.name), g.output])).toEqual([
      [["a"], "helm_values_a_b_c"],
      [["b"], "helm_values_a_b_c"],
      [["c"], "helm_values_a_b_c"],
    ]);
  });

  it("returns no group when no certificate is on a controller-made ALB", () => {
    expect(group([{ name: "a" }])).toEqual([]);
  });
});
