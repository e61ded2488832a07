import { ZoneRoute, ZoneRouter } from "../../domains/zones";

const zone = (name: string, zoneId?: string): ZoneRoute => ({
  name,
  provider: "cloudflare",
  ...(zoneId ? { zoneId } : {}),
});

/** The zone name a router picks for each host (undefined when none). */
const routes = (zones: ZoneRoute[], hosts: string[]) =>
  hosts.map((h) => new ZoneRouter(zones).route(h)?.name);

describe("ZoneRouter", () => {
  it("routes a name to the zone it is under", () => {
    expect(routes([zone("example.com")], ["www.example.com", "a.b.example.com"])).toEqual([
      "example.com",
      "example.com",
    ]);
  });

  it("routes a zone's apex to that zone", () => {
    expect(routes([zone("example.com")], ["example.com"])).toEqual(["example.com"]);
  });

  it("prefers the longest matching suffix when zones are nested", () => {
    const zones = [zone("example.com"), zone("dev.example.com")];
    expect(
      routes(zones, [
        "dev.example.com",
        "api.dev.example.com",
        "www.example.com",
        "prod.example.com",
      ]),
    ).toEqual(["dev.example.com", "dev.example.com", "example.com", "example.com"]);
  });

  it("picks the longest suffix whatever order the zones are configured in", () => {
    const hosts = ["api.dev.example.com"];
    expect(routes([zone("dev.example.com"), zone("example.com")], hosts)).toEqual(
      routes([zone("example.com"), zone("dev.example.com")], hosts),
    );
  });

  it("routes a wildcard as its base name", () => {
    const zones = [zone("example.com"), zone("dev.example.com")];
    expect(routes(zones, ["*.dev.example.com", "*.example.com"])).toEqual([
      "dev.example.com",
      "example.com",
    ]);
  });

  it("matches whole labels only (notexample.com is not under example.com)", () => {
    expect(routes([zone("example.com")], ["notexample.com", "www.notexample.com"])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("routes nothing when no zone holds the name", () => {
    expect(routes([zone("example.com")], ["example.org"])).toEqual([undefined]);
  });

  it("returns the zone with its provider and id", () => {
    const route = new ZoneRouter([zone("example.com", "0123456789abcdef0123456789abcdef")]).route(
      "www.example.com",
    );
    expect(route).toEqual({
      name: "example.com",
      provider: "cloudflare",
      zoneId: "0123456789abcdef0123456789abcdef",
    });
  });

  it("lists the zone names sorted", () => {
    expect(
      new ZoneRouter([zone("example.org"), zone("dev.example.com"), zone("example.com")]).names,
    ).toEqual(["dev.example.com", "example.com", "example.org"]);
  });
});
