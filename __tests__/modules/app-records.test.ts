// AppRecords and Endpoints on their own: the limits they check without the config's rules.
import { Testing } from "cdktf";
import type { ZoneRoute } from "../../domains/zones";
import { type AppHostname, AppRecords } from "../../modules/app-records";
import { dnsProvidersFor } from "../../modules/dns";
import { Endpoints } from "../../modules/endpoints/endpoints";
import { SynthJson, resourceOf } from "../helpers";

const ZONE: ZoneRoute = {
  name: "example.com",
  provider: "cloudflare",
  zoneId: "0123456789abcdef0123456789abcdef",
};
const host = (more: Partial<AppHostname> = {}): AppHostname => ({
  name: "www.example.com",
  zone: ZONE,
  proxied: false,
  ttlSeconds: 300,
  ...more,
});

function synth(hostnames: AppHostname[]): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new AppRecords(scope, "web", {
        hostnames,
        target: { dnsName: "shop.eu-west-1.elb.amazonaws.com" },
        dns: dnsProvidersFor(scope, { region: "eu-west-1" }),
        description: "prod web",
      });
    }),
  ) as SynthJson;
}

const record = (json: SynthJson) =>
  resourceOf(json, "cloudflare_dns_record", "app_www_example_com");

describe("AppRecords", () => {
  it("writes a DNS-only record with its TTL", () => {
    const r = record(synth([host()]));
    expect([r.type, r.proxied, r.ttl]).toEqual(["CNAME", false, 300]);
  });

  it("gives a proxied record the automatic TTL, whatever it is given", () => {
    const r = record(synth([host({ proxied: true, ttlSeconds: 5 })]));
    expect([r.proxied, r.ttl]).toEqual([true, 1]);
  });

  it.each([0, 59, 86401])("fails when a DNS-only record's TTL is %i seconds", (ttl) => {
    expect(() => synth([host({ ttlSeconds: ttl })])).toThrow(
      new Error(
        `stack/web: TTL of www.example.com must be 1 (automatic) or 60 to 86400 seconds, got ${ttl}.`,
      ),
    );
  });
});

describe("Endpoints", () => {
  it("fails when a certificate has no construct to take the ARN from", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new Endpoints(scope, "endpoints", {
          certificates: [
            {
              name: "web",
              keyAlgorithm: "RSA_2048",
              attach: { kind: "alb-dns", dnsName: "shop.eu-west-1.elb.amazonaws.com" },
              hostnames: [],
            },
            {
              name: "api",
              keyAlgorithm: "RSA_2048",
              attach: {
                kind: "alb-listener",
                listenerArn:
                  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2",
                dnsName: "shop.eu-west-1.elb.amazonaws.com",
              },
              hostnames: [],
            },
          ],
          built: new Map(),
          dns: dnsProvidersFor(scope, { region: "eu-west-1" }),
          environment: "prod",
        });
      }),
    ).toThrow(new Error('stack/endpoints: no certificate construct for "api".'));
  });
});
