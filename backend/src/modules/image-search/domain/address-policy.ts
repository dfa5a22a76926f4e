/**
 * Which network addresses the web-image downloader may connect to (SSRF protection). Pure functions:
 * an address is parsed to bytes and checked against every non-public range, including IPv6 forms that
 * embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16).
 */
import { isIP } from 'node:net';

type Range = { bytes: number[]; bits: number; why: string };

const V4: Range[] = [
  { bytes: [0, 0, 0, 0], bits: 8, why: 'the "this network" range 0.0.0.0/8' },
  { bytes: [10, 0, 0, 0], bits: 8, why: 'the private range 10.0.0.0/8' },
  { bytes: [100, 64, 0, 0], bits: 10, why: 'the carrier-grade NAT range 100.64.0.0/10' },
  { bytes: [127, 0, 0, 0], bits: 8, why: 'the loopback range 127.0.0.0/8' },
  { bytes: [169, 254, 0, 0], bits: 16, why: 'the link-local range 169.254.0.0/16 (cloud metadata lives there)' },
  { bytes: [172, 16, 0, 0], bits: 12, why: 'the private range 172.16.0.0/12' },
  { bytes: [192, 0, 0, 0], bits: 24, why: 'the IETF protocol range 192.0.0.0/24' },
  { bytes: [192, 0, 2, 0], bits: 24, why: 'the documentation range 192.0.2.0/24' },
  { bytes: [192, 88, 99, 0], bits: 24, why: 'the 6to4 relay range 192.88.99.0/24' },
  { bytes: [192, 168, 0, 0], bits: 16, why: 'the private range 192.168.0.0/16' },
  { bytes: [198, 18, 0, 0], bits: 15, why: 'the benchmarking range 198.18.0.0/15' },
  { bytes: [198, 51, 100, 0], bits: 24, why: 'the documentation range 198.51.100.0/24' },
  { bytes: [203, 0, 113, 0], bits: 24, why: 'the documentation range 203.0.113.0/24' },
  { bytes: [224, 0, 0, 0], bits: 4, why: 'the multicast range 224.0.0.0/4' },
  { bytes: [240, 0, 0, 0], bits: 4, why: 'the reserved range 240.0.0.0/4 (and broadcast)' },
];

const V6: Range[] = [
  { bytes: [0xfc], bits: 7, why: 'the unique-local range fc00::/7' },
  { bytes: [0xfe, 0x80], bits: 10, why: 'the link-local range fe80::/10' },
  { bytes: [0xfe, 0xc0], bits: 10, why: 'the deprecated site-local range fec0::/10' },
  { bytes: [0xff], bits: 8, why: 'the multicast range ff00::/8' },
  { bytes: [0x20, 0x01, 0x0d, 0xb8], bits: 32, why: 'the documentation range 2001:db8::/32' },
  { bytes: [0x01, 0x00, 0, 0, 0, 0, 0, 0], bits: 64, why: 'the discard range 100::/64' },
  { bytes: [0x20, 0x01, 0x00, 0x00], bits: 32, why: 'the Teredo range 2001::/32' },
];

function matches(addr: number[], range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr[i] & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function parseIPv4(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return out.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? out : null;
}

/** 16 bytes of an IPv6 address (accepts "::", an embedded dotted quad and a %zone suffix), or null. */
export function parseIPv6(input: string): number[] | null {
  let ip = input.replace(/^\[|\]$/g, '');
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  if (isIP(ip) !== 6) return null;
  const lastColon = ip.lastIndexOf(':');
  const maybeV4 = ip.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    // a trailing dotted quad stands for the last two groups
    const v4 = parseIPv4(maybeV4);
    if (!v4) return null;
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    ip = `${ip.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const [head, rest] = ip.includes('::') ? ip.split('::') : [ip, null];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  let groups: string[];
  if (rest === null) {
    groups = headGroups;
  } else {
    const fill = 8 - headGroups.length - restGroups.length;
    if (fill < 0) return null;
    groups = [...headGroups, ...Array<string>(fill).fill('0'), ...restGroups];
  }
  if (groups.length !== 8) return null;
  const bytes: number[] = [];
  for (const g of groups) {
    const n = parseInt(g, 16);
    if (!/^[0-9a-f]{1,4}$/i.test(g) || Number.isNaN(n)) return null;
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

/** Why the address must not be contacted, or null when it is a public unicast address. */
export function blockedReason(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4) {
    const hit = V4.find((r) => matches(v4, r));
    return hit ? `${address} is in ${hit.why}` : null;
  }
  const v6 = parseIPv6(address);
  if (!v6) return `${address} is not an IP address`;
  const allZeroUpTo = (n: number) => v6.slice(0, n).every((b) => b === 0);
  if (allZeroUpTo(15) && v6[15] === 0) return `${address} is the unspecified address ::`;
  if (allZeroUpTo(15) && v6[15] === 1) return `${address} is the IPv6 loopback address ::1`;
  // IPv4 embedded in IPv6: judge by the IPv4 address inside (and refuse the deprecated compatible form outright).
  const embedded = (v4bytes: number[], kind: string): string => {
    const inner = v4bytes.join('.');
    const reason = blockedReason(inner);
    return reason ? `${address} is ${kind} ${inner}, and ${reason}` : '';
  };
  if (allZeroUpTo(10) && v6[10] === 0xff && v6[11] === 0xff) {
    const r = embedded(v6.slice(12), 'the IPv4-mapped form of');
    return r || null;
  }
  if (allZeroUpTo(12)) return `${address} is a deprecated IPv4-compatible IPv6 address`;
  if (v6[0] === 0 && v6[1] === 0x64 && v6[2] === 0xff && v6[3] === 0x9b && v6.slice(4, 12).every((b) => b === 0)) {
    const r = embedded(v6.slice(12), 'the NAT64 form of');
    return r || null;
  }
  if (v6[0] === 0x20 && v6[1] === 0x02) {
    const r = embedded(v6.slice(2, 6), 'a 6to4 address wrapping');
    return r || null;
  }
  const hit = V6.find((r) => matches(v6, r));
  return hit ? `${address} is in ${hit.why}` : null;
}

export function isPublicAddress(address: string): boolean {
  return blockedReason(address) === null;
}
