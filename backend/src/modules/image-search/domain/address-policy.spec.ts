import { blockedReason, isPublicAddress, parseIPv6 } from './address-policy';

describe('address policy (SSRF)', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.1.2.3', /loopback/],
    ['10.0.0.1', /private range 10/],
    ['10.255.255.255', /private/],
    ['172.16.0.1', /172\.16/],
    ['172.31.255.254', /172\.16/],
    ['192.168.1.1', /192\.168/],
    ['169.254.169.254', /link-local.*metadata/],
    ['169.254.0.1', /link-local/],
    ['100.64.0.1', /carrier-grade/],
    ['100.127.255.255', /carrier-grade/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /reserved/],
    ['192.0.2.10', /documentation/],
  ])('refuses IPv4 %s', (ip, why) => {
    expect(blockedReason(ip)).toMatch(why);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    ['::', /unspecified/],
    ['fc00::1', /unique-local/],
    ['fd12:3456:789a::1', /unique-local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /IPv4-mapped.*loopback/],
    ['::ffff:7f00:1', /IPv4-mapped.*loopback/],
    ['::ffff:169.254.169.254', /IPv4-mapped.*link-local/],
    ['::ffff:10.0.0.1', /IPv4-mapped.*private/],
    ['0:0:0:0:0:ffff:c0a8:0101', /IPv4-mapped.*192\.168/],
    ['::127.0.0.1', /IPv4-compatible/],
    ['64:ff9b::a9fe:a9fe', /NAT64.*169\.254\.169\.254/],
    ['2002:7f00:1::', /6to4.*127\.0\.0\.1/],
    ['2001:db8::1', /documentation/],
  ])('refuses IPv6 %s', (ip, why) => {
    expect(blockedReason(ip)).toMatch(why);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (ip) => {
      expect(blockedReason(ip)).toBeNull();
    },
  );

  it('treats something that is not an address as blocked', () => {
    expect(blockedReason('localhost')).toMatch(/not an IP address/);
    expect(blockedReason('1.2.3')).toMatch(/not an IP address/);
    expect(blockedReason('1.2.3.256')).toMatch(/not an IP address/);
  });

  it('parses IPv6 forms to 16 bytes', () => {
    expect(parseIPv6('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(parseIPv6('[::ffff:1.2.3.4]')).toEqual([...Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(parseIPv6('1::2::3')).toBeNull();
  });
});
