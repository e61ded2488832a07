// AlbListeners on its own: the limits it checks without the config's rules.
import { Testing } from "cdktf";
import { AlbListeners, type AlbListenersProps } from "../../modules/endpoints/alb-listeners";
import { SynthJson, expectCounts } from "../helpers";

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const arn = (name: string) => `arn:aws:acm:eu-west-1:123456789012:certificate/${name}`;

function synth(certificates: AlbListenersProps["certificates"]): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new AlbListeners(scope, "alb_shop", {
        loadBalancerArn: LB,
        targetGroupArn: TG,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        certificates,
      });
    }),
  ) as SynthJson;
}

describe("AlbListeners", () => {
  it("binds every certificate after the first by SNI", () => {
    const json = synth(["web", "api", "admin"].map((name) => ({ name, arn: arn(name) })));
    expectCounts(json, { aws_lb_listener: 2, aws_lb_listener_certificate: 2 });
  });

  it("fails when it is given no certificate", () => {
    expect(() => synth([])).toThrow(
      new Error("stack/alb_shop: an HTTPS listener needs a default certificate, got none."),
    );
  });

  it("fails when two certificates share a name", () => {
    expect(() =>
      synth([
        { name: "web", arn: arn("a") },
        { name: "api", arn: arn("b") },
        { name: "web", arn: arn("c") },
      ]),
    ).toThrow(
      new Error(
        'stack/alb_shop: certificate names must be distinct (they name the SNI bindings), got "web" twice.',
      ),
    );
  });
});
