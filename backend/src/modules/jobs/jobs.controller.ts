import { Controller, Get, MessageEvent, Param, Post, Sse } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { JobName, PingPayload, QueueName } from '../../infra/queue/queues';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Observable, from, interval, switchMap, takeWhile, startWith, map, distinctUntilChanged } from 'rxjs';
import { JobsService, JobView } from './jobs.service';

const FINAL = new Set(['completed', 'failed', 'cancelled']);

@ApiTags('admin: jobs')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    @InjectQueue(QueueName.System) private readonly system: Queue<PingPayload>,
  ) {}

  /** Enqueues a no-op job: proves an admin that the worker process is consuming the queues. */
  @Post('ping')
  async ping(): Promise<{ jobId: string }> {
    const jobId = randomUUID();
    await this.system.add(JobName.Ping, { message: 'ping' }, { jobId });
    return { jobId };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<JobView> {
    return this.jobs.get(id);
  }

  /** Server-sent events of the same view, every change until the job ends. */
  @Sse(':id/events')
  events(@Param('id') id: string): Observable<MessageEvent> {
    return interval(500).pipe(
      startWith(0),
      switchMap(() => from(this.jobs.get(id))),
      map((view) => JSON.stringify(view)),
      distinctUntilChanged(),
      takeWhile((json) => !FINAL.has((JSON.parse(json) as JobView).state), true),
      map((json) => ({ data: JSON.parse(json) as JobView })),
    );
  }

  @Post(':id/cancel')
  cancel(@Param('id') id: string): Promise<JobView> {
    return this.jobs.cancel(id);
  }
}
