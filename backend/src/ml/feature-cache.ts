/** File-based feature cache for the CLIs: <root>/<featureVersion>/<sha[0:2]>/<sha>.f32 (the API keeps its own in Mongo). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class FileFeatureCache {
  constructor(
    private readonly root: string,
    private readonly version: string,
  ) {}

  private file(sha: string): string {
    return path.join(this.root, this.version.replace(/[^A-Za-z0-9._+@-]/g, '_'), sha.slice(0, 2), `${sha}.f32`);
  }

  get(sha: string, dim: number): Float32Array | null {
    const f = this.file(sha);
    if (!fs.existsSync(f)) return null;
    const b = fs.readFileSync(f);
    if (b.length !== dim * 4) return null;
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }

  set(sha: string, v: Float32Array): void {
    const f = this.file(sha);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    fs.renameSync(tmp, f);
  }
}

/** Default cache root for the CLIs: <repo>/.cache/ml-features (git-ignored); the CLIs accept --cache DIR. */
export function defaultCacheRoot(): string {
  let dir = __dirname;
  while (path.dirname(dir) !== dir && !fs.existsSync(path.join(dir, 'backend', 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, '.cache', 'ml-features');
}
