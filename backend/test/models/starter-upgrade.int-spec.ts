/**
 * A release that ships a new starter model registers it on start, and it takes over from an older starter that is
 * still the active model — never from a model an admin trained. Real FerretDB/GridFS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../src/config/config';
import { APP_CONFIG } from '../../src/config/config.module';
import { deserializeArtefact, serializeArtefact } from '../../src/ml/artefact';
import { ModelsRepository } from '../../src/modules/models/models.repository';
import { ModelsService } from '../../src/modules/models/models.service';
import { startTestApp, TestApp } from '../support/test-app';

describe('starter model upgrades', () => {
  let t: TestApp;
  let dir: string;
  let models: ModelsService;
  let config: AppConfig;
  const bundled = readFileSync(path.resolve(__dirname, '..', '..', 'models', 'starter.model'));

  /** The bundled starter with another creation date: a different file, as a later release would ship. */
  function release(createdAt: string): string {
    const a = deserializeArtefact(bundled);
    a.createdAt = createdAt;
    const file = path.join(dir, `${createdAt.slice(0, 10)}.model`);
    writeFileSync(file, serializeArtefact(a));
    return file;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ci-starter-'));
    t = await startTestApp('starter-upgrade');
    models = t.app.get(ModelsService);
    config = t.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const starters = async () => (await t.app.get(ModelsRepository).list()).filter((m) => m.isStarter);

  it('registers the first starter once, however often the API starts', async () => {
    config.ml.starterModelPath = release('2026-01-01T00:00:00.000Z');
    const first = await models.ensureStarterModel();
    expect(await models.ensureStarterModel()).toBe(first);
    expect(await starters()).toHaveLength(1);
  });

  it("a new release's starter is registered and replaces the older starter as the active model", async () => {
    const old = await models.ensureStarterModel();
    config.ml.starterModelPath = release('2026-06-01T00:00:00.000Z');
    const next = await models.ensureStarterModel();
    expect(next).not.toBe(old);
    expect(await t.app.get(ModelsRepository).getActiveModelId()).toBe(next);
    expect(await starters()).toHaveLength(2);
    expect(await models.ensureStarterModel()).toBe(next); // and only once
    // the older one keeps its record (predictions name it) under a name that tells the two apart
    const names = Object.fromEntries((await starters()).map((m) => [String(m._id), m.name]));
    expect(names[old!]).toBe('Starter model (Oxford-IIIT Pet sample) — earlier release');
    expect(names[next!]).toBe('Starter model (Oxford-IIIT Pet sample)');
  });

  it("never takes over from a model an admin chose: a newer starter is registered but not activated", async () => {
    const repo = t.app.get(ModelsRepository);
    const trained = await repo.create({ name: 'trained', artefactFileId: 'x', featureVersion: (await starters())[0].featureVersion, isStarter: false });
    await repo.setActiveModelId(String(trained._id));
    config.ml.starterModelPath = release('2026-09-01T00:00:00.000Z');
    expect(await models.ensureStarterModel()).toBe(String(trained._id));
    expect(await starters()).toHaveLength(3);
  });
});
