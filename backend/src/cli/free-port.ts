import * as net from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (for the benchmarks' own API processes). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
