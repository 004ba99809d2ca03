import { describe, expect, it } from "vitest";
import { clientNetwork, networkOf, UNKNOWN_NETWORK } from "./client-network";

const request = (headers: Record<string, string>) => new Request("https://worker.example/api/chat", { headers });

describe("networkOf", () => {
  it("keeps an IPv4 address whole", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("reduces an IPv6 address to its /64, however it is written", () => {
    const network = "2001:db8:1:2::/64";
    for (const ip of [
      "2001:db8:1:2::1",
      "2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
      "2001:DB8:1:2:3:4:5:6",
      "2001:db8:1:2::",
    ]) {
      expect(networkOf(ip), ip).toBe(network);
    }
    expect(networkOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
    expect(networkOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(networkOf("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  it("refuses what is not an address", () => {
    for (const junk of ["", "localhost", "256.1.1.1", "1.2.3", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "g::1"]) {
      expect(networkOf(junk), junk).toBeUndefined();
    }
  });
});

describe("clientNetwork", () => {
  it("reads only CF-Connecting-IP, never the headers a client writes itself", () => {
    expect(clientNetwork(request({ "CF-Connecting-IP": "198.51.100.9", "X-Forwarded-For": "192.0.2.1" }))).toBe(
      "198.51.100.9",
    );
    expect(clientNetwork(request({ "X-Forwarded-For": "192.0.2.1", "X-Real-IP": "192.0.2.2" }))).toBe(UNKNOWN_NETWORK);
    expect(clientNetwork(request({ "CF-Connecting-IP": "not an address" }))).toBe(UNKNOWN_NETWORK);
  });
});
