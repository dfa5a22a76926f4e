import sharp from 'sharp';
import { loadConfig } from '../../config/config';
import { BlobStore } from '../../infra/mongo/blob-store';
import { sha256 } from '../../ml/image-io';
import { NewTrainingImage, TrainingImagesRepository } from './training-images.repository';
import { HashLedger, TrainingImagesService } from './training-images.service';

/** Duplicate handling of imports with a hash ledger (import runs) and without one (single imports). */
describe('TrainingImagesService.importImage', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  let jpeg: Buffer;
  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 60, b: 40 } } }).jpeg().toBuffer();
  });

  function setup(opts: { insertResult?: (doc: NewTrainingImage) => string | null; stored?: Record<string, string> } = {}) {
    const stored = new Map(Object.entries(opts.stored ?? {}));
    const inserted: NewTrainingImage[] = [];
    const repo = {
      idBySha: jest.fn(async (sha: string) => stored.get(sha) ?? null),
      insert: jest.fn(async (doc: NewTrainingImage) => {
        await new Promise((r) => setTimeout(r, 5)); // let a concurrent import interleave
        const id = opts.insertResult ? opts.insertResult(doc) : `id-${inserted.length + 1}`;
        if (id) inserted.push(doc);
        return id;
      }),
      shaIds: jest.fn(async () => new Map(stored)),
    };
    let blobSeq = 0;
    const blobs = {
      put: jest.fn(async () => `blob-${++blobSeq}`),
      deleteMany: jest.fn(async () => undefined),
    };
    const service = new TrainingImagesService(repo as unknown as TrainingImagesRepository, blobs as unknown as BlobStore, config);
    return { service, repo, blobs, inserted };
  }

  it('answers a photo the ledger knows as a duplicate without storing anything or querying by hash', async () => {
    const { service, repo, blobs } = setup({ stored: { [sha256(jpeg)]: 'existing-id' } });
    const ledger = await service.openHashLedger();
    const res = await service.importImage(jpeg, { source: 'zip', userId: 'u' }, ledger);
    expect(res).toEqual({ outcome: 'duplicate', id: 'existing-id' });
    expect(repo.idBySha).not.toHaveBeenCalled();
    expect(blobs.put).not.toHaveBeenCalled();
    expect(repo.insert).not.toHaveBeenCalled();
  });

  it('stores the same photo once when a run meets it twice at the same time', async () => {
    const { service, blobs, inserted } = setup();
    const ledger = await service.openHashLedger();
    const meta = { source: 'zip' as const, userId: 'u' };
    const [a, b] = await Promise.all([service.importImage(jpeg, meta, ledger), service.importImage(jpeg, meta, ledger)]);
    expect([a.outcome, b.outcome].sort()).toEqual(['duplicate', 'imported']);
    expect(a.id).toBe(b.id);
    expect(inserted).toHaveLength(1);
    expect(blobs.put).toHaveBeenCalledTimes(2); // one original + one thumbnail
    expect(ledger.ids.get(sha256(jpeg))).toBe(a.id);
    expect(ledger.pending.size).toBe(0);
  });

  it('drops its blobs and reports the winner when another import stored the photo first', async () => {
    const { service, repo, blobs } = setup({ insertResult: () => null });
    repo.idBySha.mockResolvedValueOnce('winner-id');
    const ledger = new HashLedger(new Map()); // the other import is not in this run's ledger
    const res = await service.importImage(jpeg, { source: 'zip', userId: 'u' }, ledger);
    expect(res).toEqual({ outcome: 'duplicate', id: 'winner-id' });
    expect(blobs.deleteMany).toHaveBeenCalledWith('images', ['blob-1', 'blob-2']);
    expect(ledger.ids.get(sha256(jpeg))).toBe('winner-id');
  });

  it('looks the hash up in the database when there is no ledger', async () => {
    const { service, repo, blobs } = setup({ stored: { [sha256(jpeg)]: 'existing-id' } });
    const res = await service.importImage(jpeg, { source: 'web-search', userId: 'u' });
    expect(res).toEqual({ outcome: 'duplicate', id: 'existing-id' });
    expect(repo.idBySha).toHaveBeenCalledWith(sha256(jpeg));
    expect(blobs.put).not.toHaveBeenCalled();
  });
});
