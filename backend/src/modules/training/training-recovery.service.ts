import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { hostname } from 'node:os';
import { QueueName } from '../../infra/queue/queues';
import { TrainingRunsRepository } from './training-runs.repository';
import { TrainingRunner, WORKER_ID } from './training-runner.service';
import { TrainingRunDocument } from './schemas/training-run.schema';

/** A run whose worker has not written for this long is considered dead even on another host. */
const STALE_HEARTBEAT_MS = 5 * 60_000;
/** A queued run without its queue job for this long was lost (e.g. Redis was wiped). */
const LOST_QUEUED_MS = 2 * 60_000;
const SWEEP_MS = 30_000;

export function isWorkerDead(workerId: string | null, heartbeatAt: Date | null, now: number, me = WORKER_ID): boolean {
  if (!workerId) return true;
  if (workerId === me) return false;
  const [host, pidRaw] = workerId.split(':');
  const pid = Number(pidRaw);
  if (host === hostname() && Number.isInteger(pid)) {
    if (pid === process.pid) return true; // same pid, other boot: the old process is gone
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
  }
  return !heartbeatAt || now - new Date(heartbeatAt).getTime() > STALE_HEARTBEAT_MS;
}

/**
 * At worker start (and every 30 s): runs left "running" by a worker that no longer exists are marked failed
 * with a clear error, so the one-run slot frees up and no half-made model is ever registered.
 */
@Injectable()
export class TrainingRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TrainingRecovery.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly runner: TrainingRunner,
    @InjectQueue(QueueName.Training) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep().catch((err) => this.logger.error(`Recovery sweep failed: ${String(err)}`));
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn(`Recovery sweep failed: ${String(err)}`)), SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    let fixed = 0;
    const now = Date.now();
    for (const run of await this.runs.findByState(['running', 'queued'])) {
      const id = String(run._id);
      if (this.runner.isRunningHere(id)) continue;
      if (run.state === 'running' && isWorkerDead(run.workerId, run.heartbeatAt, now)) {
        await this.runner.failCrashed(run, 'The worker process running this training stopped unexpectedly (it crashed or was killed).');
        fixed++;
      } else if (run.state === 'queued' && now - new Date(run.createdAt).getTime() > LOST_QUEUED_MS && (await this.jobLost(run))) {
        await this.runner.failCrashed(run, 'The queued job of this run was lost before a worker picked it up.');
        fixed++;
      }
    }
    return fixed;
  }

  private async jobLost(run: TrainingRunDocument): Promise<boolean> {
    const job = await this.queue.getJob(run.jobId);
    if (!job) return true;
    const state = await job.getState();
    return state === 'completed' || state === 'failed' || state === 'unknown';
  }
}
