import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { Readable } from 'node:stream';

export type BlobBucket = 'images' | 'models';

export interface BlobInfo {
  id: string;
  length: number;
  filename: string;
  contentType?: string;
  metadata?: Record<string, unknown>;
}

/**
 * GridFS adapter: stores image and model bytes. Ids are ObjectId hex strings.
 * One bucket per kind of blob so model artefacts never mix with photos.
 */
@Injectable()
export class BlobStore {
  private readonly buckets = new Map<BlobBucket, mongo.GridFSBucket>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private bucket(name: BlobBucket): mongo.GridFSBucket {
    let b = this.buckets.get(name);
    if (!b) {
      if (!this.connection.db) throw new Error('MongoDB is not connected');
      b = new mongo.GridFSBucket(this.connection.db, { bucketName: name, chunkSizeBytes: 1024 * 1024 });
      this.buckets.set(name, b);
    }
    return b;
  }

  async put(
    bucket: BlobBucket,
    bytes: Buffer,
    filename: string,
    contentType: string,
    metadata: Record<string, unknown> = {},
  ): Promise<string> {
    const upload = this.bucket(bucket).openUploadStream(filename, { metadata: { ...metadata, contentType } });
    await new Promise<void>((resolve, reject) => {
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(bytes);
    });
    return upload.id.toString();
  }

  async get(bucket: BlobBucket, id: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.openStream(bucket, id)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Streams a blob; throws NotFoundException when the id is malformed. Stream errors if the file is missing. */
  openStream(bucket: BlobBucket, id: string): Readable {
    return this.bucket(bucket).openDownloadStream(toObjectId(id));
  }

  async info(bucket: BlobBucket, id: string): Promise<BlobInfo | null> {
    const files = await this.bucket(bucket).find({ _id: toObjectId(id) }).limit(1).toArray();
    const f = files[0];
    if (!f) return null;
    const metadata = (f.metadata ?? {}) as Record<string, unknown>;
    return {
      id: f._id.toString(),
      length: f.length,
      filename: f.filename,
      contentType: metadata.contentType as string | undefined,
      metadata,
    };
  }

  /** Deletes a blob; deleting one that is already gone is not an error (idempotent). */
  async delete(bucket: BlobBucket, id: string): Promise<void> {
    try {
      await this.bucket(bucket).delete(toObjectId(id));
    } catch (err) {
      if (!(err instanceof Error) || !/not found|FileNotFound/i.test(err.message)) throw err;
    }
  }

  async deleteMany(bucket: BlobBucket, ids: string[]): Promise<void> {
    for (const id of ids) await this.delete(bucket, id);
  }

  /** Counts stored files (used by tests to prove nothing is orphaned). */
  async count(bucket: BlobBucket): Promise<number> {
    if (!this.connection.db) throw new Error('MongoDB is not connected');
    return this.connection.db.collection(`${bucket}.files`).countDocuments();
  }
}

function toObjectId(id: string): mongo.ObjectId {
  if (!mongo.ObjectId.isValid(id) || id.length !== 24) throw new NotFoundException(`No stored file with id "${id}"`);
  return new mongo.ObjectId(id);
}
