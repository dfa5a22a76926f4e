import { BadGatewayException, BadRequestException, GatewayTimeoutException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { loadConfig } from '../../config/config';
import { JobName } from '../../infra/queue/queues';
import { fakeProviderEnv, FakeProviders, startFakeProviders } from '../../../test/image-search/fake-providers';
import { ImageSearchService } from './image-search.service';
import { ImageSearchProviders } from './providers/provider-registry';
import { TrainingImageLibrary } from './training-image-library';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders(0, '127.0.0.1');
});
afterAll(() => fake.close());

function setup(env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', IMAGE_SEARCH_TIMEOUT_MS: '500', ...fakeProviderEnv(fake.url), ...env });
  const imported = new Set<string>();
  const library: TrainingImageLibrary = {
    importImage: jest.fn(),
    findImportedUrls: jest.fn(async (urls: string[]) => new Set(urls.filter((u) => imported.has(u)))),
  };
  const added: unknown[][] = [];
  const queue = { add: jest.fn(async (...args: unknown[]) => added.push(args)) } as unknown as Queue;
  const service = new ImageSearchService(new ImageSearchProviders(config), library, queue);
  return { service, imported, library, added };
}

describe('ImageSearchService', () => {
  it('lists providers with id, name, enabled and needsKey only', () => {
    const { service } = setup({ GOOGLE_SEARCH_API_KEY: '', BRAVE_SEARCH_TOKEN: '' });
    expect(service.listProviders()).toEqual([
      { id: 'openverse', name: 'Openverse', enabled: true, needsKey: false },
      { id: 'wikimedia', name: 'Wikimedia Commons', enabled: true, needsKey: false },
      { id: 'google', name: 'Google Programmable Search', enabled: false, needsKey: true },
      { id: 'brave', name: 'Brave Search', enabled: false, needsKey: true },
    ]);
  });

  it('searches Openverse by default and marks already-imported URLs', async () => {
    const { service, imported } = setup();
    imported.add(`${fake.url}/images/ov-1.jpg`);
    const res = await service.search({ q: '  blue bicolour  ' });
    expect(res).toMatchObject({ provider: 'openverse', query: 'blue bicolour', page: 1, hasMore: true, licence: 'any' });
    expect(res.results).toHaveLength(20);
    expect(res.results.filter((r) => r.alreadyImported).map((r) => r.url)).toEqual([`${fake.url}/images/ov-1.jpg`]);
  });

  it('applies the licence filter to what comes back', async () => {
    const { service } = setup();
    const res = await service.search({ q: 'cat', provider: 'wikimedia', licence: 'public-domain' });
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.results.every((r) => /^(Public domain|CC0)/.test(r.licence))).toBe(true);
  });

  it('refuses unknown and disabled providers, empty queries and licence filters Brave cannot apply', async () => {
    const { service } = setup({ BRAVE_SEARCH_TOKEN: '' });
    await expect(service.search({ q: 'cat', provider: 'bing' })).rejects.toThrow(new BadRequestException('Unknown provider "bing"; choose one of openverse, wikimedia, google, brave.'));
    await expect(service.search({ q: 'cat', provider: 'brave' })).rejects.toThrow(/Brave Search is not enabled on this server/);
    await expect(service.search({ q: '   ' })).rejects.toThrow(BadRequestException);
    const withBrave = setup().service;
    await expect(withBrave.search({ q: 'cat', provider: 'brave', licence: 'open' })).rejects.toThrow(/gives no licence data/);
  });

  it('turns provider failures into 502 and timeouts into 504, naming the provider', async () => {
    const { service } = setup();
    const bad = await service.search({ q: 'provider-error', provider: 'google' }).catch((e) => e);
    expect(bad).toBeInstanceOf(BadGatewayException);
    expect(bad.message).toMatch(/^Google Programmable Search answered with an error \(500\)/);
    const slow = await service.search({ q: 'provider-slow', provider: 'brave' }).catch((e) => e);
    expect(slow).toBeInstanceOf(GatewayTimeoutException);
    expect(slow.message).toMatch(/^Brave Search did not answer within 0\.5 s/);
  });

  it('enqueues an import with a validated label on the web-imports queue', async () => {
    const { service, added } = setup();
    const { jobId } = await service.enqueueImport({ items: [{ url: 'https://example.org/a.jpg', licence: 'CC BY 4.0' }], label: { colour: 'lilac', pattern: 'van' } }, 'user-1');
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(added).toHaveLength(1);
    const [name, payload, opts] = added[0] as [string, Record<string, unknown>, { jobId: string }];
    expect(name).toBe(JobName.ImportWebImages);
    expect(opts.jobId).toBe(jobId);
    expect(payload).toMatchObject({ userId: 'user-1', items: [{ url: 'https://example.org/a.jpg', licence: 'CC BY 4.0' }], label: { colour: 'lilac', pattern: 'van' } });
  });

  it('refuses a label outside the vocabulary before enqueueing anything', async () => {
    const { service, added } = setup();
    await expect(service.enqueueImport({ items: [{ url: 'https://example.org/a.jpg' }], label: { colour: 'purple' } }, 'u')).rejects.toThrow(/^label: /);
    await expect(service.enqueueImport({ items: [{ url: 'https://example.org/a.jpg' }], label: { color: 'blue' } }, 'u')).rejects.toThrow(BadRequestException);
    expect(added).toHaveLength(0);
  });
});
