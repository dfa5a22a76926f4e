import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from './queues';

export interface RedisCommands {
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
  ping(): Promise<string>;
}

export class JobCancelledError extends Error {
  constructor() {
    super('Cancelled by an administrator');
    this.name = 'JobCancelledError';
  }
}

/**
 * Cooperative cancellation shared by the API (which asks) and the worker (which checks between steps).
 * The flag lives in Redis next to the queues, so it crosses processes.
 */
@Injectable()
export class JobControl {
  constructor(@InjectQueue(QueueName.System) private readonly systemQueue: Queue) {}

  private key(jobId: string): string {
    return `${this.systemQueue.opts.prefix ?? 'bull'}:cancel:${jobId}`;
  }

  /** The Redis connection BullMQ already holds (ioredis underneath). */
  async redis(): Promise<RedisCommands> {
    return (await this.systemQueue.client) as unknown as RedisCommands;
  }

  async requestCancel(jobId: string): Promise<void> {
    await (await this.redis()).set(this.key(jobId), '1', 'EX', 7 * 24 * 3600);
  }

  async isCancelled(jobId: string): Promise<boolean> {
    return (await (await this.redis()).get(this.key(jobId))) === '1';
  }

  /** Throws JobCancelledError when an admin asked to cancel this job. Call between steps of long jobs. */
  async throwIfCancelled(jobId: string | undefined): Promise<void> {
    if (jobId && (await this.isCancelled(jobId))) throw new JobCancelledError();
  }
}
