/**
 * No Docker engine runs here, so the Docker files are checked by what can be checked without one:
 * the compose file parses and has the services, healthchecks and volumes the deployment needs, and every
 * path the Dockerfiles, compose and package scripts refer to exists in the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

describe('Docker and project files', () => {
  const compose = parse(read('docker/compose.yml')) as { services: Record<string, any>; volumes: Record<string, unknown> };

  it('compose has mongo 7, postgres 16, redis 7, api, worker and web', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mongo', 'postgres', 'redis', 'web', 'worker']);
    expect(compose.services.mongo.image).toBe('mongo:7');
    expect(compose.services.postgres.image).toBe('postgres:16');
    expect(compose.services.redis.image).toBe('redis:7');
  });

  it('every service has a healthcheck (in compose or in its Dockerfile) and data lives in named volumes', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      const dockerfile = svc.build?.dockerfile ? read(svc.build.dockerfile) : name === 'worker' ? read('docker/Dockerfile.api') : '';
      expect({ name, healthy: Boolean(svc.healthcheck) || /HEALTHCHECK/.test(dockerfile) }).toEqual({ name, healthy: true });
    }
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['mongo-data', 'postgres-data', 'redis-data']));
  });

  it('api and worker run one image with two commands, as a non-root user', () => {
    expect(compose.services.worker.image).toBe(compose.services.api.image);
    expect(compose.services.worker.command).toEqual(['node', 'backend/dist/worker.js']);
    const api = read('docker/Dockerfile.api');
    expect(api).toMatch(/^USER node$/m);
    expect(api).toMatch(/CMD \["node", "backend\/dist\/main.js"\]/);
    expect(fs.existsSync(path.join(ROOT, 'backend/src/main.ts'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'backend/src/worker.ts'))).toBe(true);
  });

  it("lets argon2 build itself at install (its bundled linux-x64 prebuild segfaults here), and never runs telemetry", () => {
    const pkg = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
    expect(pkg.allowScripts).toMatchObject({ argon2: true, sharp: true, '@scarf/scarf': false });
    expect(read('docker/Dockerfile.api')).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
  });

  it('every COPY source in the Dockerfiles exists', () => {
    for (const file of ['docker/Dockerfile.api', 'docker/Dockerfile.web']) {
      for (const line of read(file).split('\n')) {
        const m = /^COPY (?!--from)(?:--\S+ )*(.+) (\S+)$/.exec(line.trim());
        if (!m) continue;
        for (const src of m[1].split(' ')) {
          expect({ file, src, exists: fs.existsSync(path.join(ROOT, src)) }).toEqual({ file, src, exists: true });
        }
      }
    }
  });

  it('the web image proxies /api to the api service', () => {
    expect(read('docker/nginx.conf')).toMatch(/location \/api\/ \{\s*proxy_pass http:\/\/api:3000;/);
  });

  it('every script the root package.json names exists', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const [name, cmd] of Object.entries(pkg.scripts)) {
      for (const ref of cmd.match(/(scripts\/[\w./-]+|backend\/dist\/cli\/[\w.-]+)/g) ?? []) {
        const src = ref.startsWith('backend/dist/') ? ref.replace('backend/dist/', 'backend/src/').replace(/\.js$/, '.ts') : ref;
        expect({ name, src, exists: fs.existsSync(path.join(ROOT, src)) }).toEqual({ name, src, exists: true });
      }
    }
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
