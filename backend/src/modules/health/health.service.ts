import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Connection } from 'mongoose';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../infra/queue/queues';
import { RedisCommands } from '../../infra/queue/job-control';

export interface DependencyHealth {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Pings each outside system separately so an operator sees which one is down. */
@Injectable()
export class HealthService {
  constructor(
    @InjectConnection() private readonly mongo: Connection,
    @InjectDataSource() private readonly postgres: DataSource,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
  ) {}

  async check() {
    const [mongo, postgres, redis] = await Promise.all([
      probe(async () => {
        await this.mongo.db!.admin().ping();
      }),
      probe(async () => {
        await this.postgres.query('SELECT 1');
      }),
      probe(async () => {
        await ((await this.queue.client) as unknown as RedisCommands).ping();
      }),
    ]);
    const status = [mongo, postgres, redis].every((d) => d.status === 'up') ? 'ok' : 'degraded';
    return { status, mongo, postgres, redis };
  }
}

async function probe(fn: () => Promise<void>, timeoutMs = 3000): Promise<DependencyHealth> {
  const start = Date.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: 'up', latencyMs: Date.now() - start };
  } catch (err) {
    return { status: 'down', latencyMs: Date.now() - start, error: err instanceof Error ? err.message : String(err) };
  }
}
