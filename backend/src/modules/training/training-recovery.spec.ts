import { hostname } from 'node:os';
import { isWorkerDead } from './training-recovery.service';

describe('crashed-worker detection', () => {
  const now = Date.now();
  const me = `${hostname()}:${process.pid}:aaaa`;

  it('treats this very process as alive', () => {
    expect(isWorkerDead(me, new Date(now - 10 * 60_000), now, me)).toBe(false);
  });

  it('treats an earlier boot with the same pid as dead', () => {
    expect(isWorkerDead(`${hostname()}:${process.pid}:bbbb`, new Date(now), now, me)).toBe(true);
  });

  it('treats a vanished process on this host as dead at once', () => {
    expect(isWorkerDead(`${hostname()}:999999:cccc`, new Date(now), now, me)).toBe(true);
  });

  it('trusts a live process on this host or a fresh heartbeat from another host', () => {
    expect(isWorkerDead(`${hostname()}:1:dddd`, new Date(now), now, me)).toBe(false);
    expect(isWorkerDead('other-host:42:eeee', new Date(now - 30_000), now, me)).toBe(false);
  });

  it('gives up on another host after a long silence', () => {
    expect(isWorkerDead('other-host:42:eeee', new Date(now - 10 * 60_000), now, me)).toBe(true);
    expect(isWorkerDead(null, null, now, me)).toBe(true);
  });
});
