import { Injectable, NotFoundException } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { Job, Queue } from 'bullmq';
import { JobControl } from '../../infra/queue/job-control';
import { ALL_QUEUES, JobProgress } from '../../infra/queue/queues';
import type { JobState, JobView } from '../../contracts/jobs';

export type { JobState, JobView };

/** The one jobs API over every queue: look a job up by id, follow it, cancel it. */
@Injectable()
export class JobsService {
  private queues: Queue[] | null = null;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly control: JobControl,
  ) {}

  private allQueues(): Queue[] {
    this.queues ??= ALL_QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    return this.queues;
  }

  private async find(id: string): Promise<Job | null> {
    for (const q of this.allQueues()) {
      const job = await q.getJob(id);
      if (job) return job;
    }
    return null;
  }

  async get(id: string): Promise<JobView> {
    const job = await this.find(id);
    if (!job) throw new NotFoundException(`No job with id "${id}" (finished jobs are kept for 7 days).`);
    return this.toView(job);
  }

  async cancel(id: string): Promise<JobView> {
    const job = await this.find(id);
    if (!job) throw new NotFoundException(`No job with id "${id}".`);
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return this.toView(job);
    await this.control.requestCancel(id);
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') {
      await job.moveToFailed(new Error('Cancelled by an administrator'), '0', false).catch(() => undefined);
      await job.remove().catch(() => undefined);
      return {
        id,
        name: job.name,
        queue: job.queueName,
        state: 'cancelled',
        progress: progressPercent(job.progress),
        error: 'Cancelled by an administrator',
        createdAt: new Date(job.timestamp).toISOString(),
        finishedAt: new Date().toISOString(),
      };
    }
    return this.toView(job);
  }

  async toView(job: Job): Promise<JobView> {
    const raw = await job.getState();
    if ((raw === 'completed' || raw === 'failed') && job.finishedOn === undefined) {
      // The job object was read before it finished: read it again so result/error match the final state.
      job = (await this.allQueues().find((q) => q.name === job.queueName)?.getJob(job.id!)) ?? job;
    }
    const cancelled = await this.control.isCancelled(job.id!);
    let state: JobState;
    if (raw === 'completed') state = 'completed';
    else if (raw === 'failed') state = cancelled ? 'cancelled' : 'failed';
    else if (raw === 'active') state = 'active';
    else state = 'waiting';
    const details = typeof job.progress === 'object' && job.progress ? (job.progress as JobProgress) : undefined;
    return {
      id: job.id!,
      name: job.name,
      queue: job.queueName,
      state,
      progress: state === 'completed' ? 100 : progressPercent(job.progress),
      details,
      result: job.returnvalue ?? undefined,
      error: job.failedReason || undefined,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    };
  }
}

function progressPercent(p: unknown): number {
  const n = typeof p === 'number' ? p : typeof p === 'object' && p ? Number((p as JobProgress).percent) : 0;
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
}
