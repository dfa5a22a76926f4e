import { Body, Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable, from, interval, switchMap, startWith, map, distinctUntilChanged, takeWhile, concatMap } from 'rxjs';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { StartTrainingDto } from './dto/start-training.dto';
import { ListRunsQueryDto, LogsQueryDto } from './dto/query.dto';
import { TrainingRunView } from './domain/run-view';
import { TrainingService } from './training.service';
import { LogEntryView } from './training-runs.repository';

const FINAL = new Set(['completed', 'failed', 'cancelled']);

@ApiTags('admin: training')
@ApiBearerAuth()
@Controller('admin/training-runs')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @ApiOperation({ summary: 'Start a training run (one at a time); refused with the reason when the labelled set is too thin' })
  start(@Body() dto: StartTrainingDto, @CurrentUser() user: AuthUser): Promise<{ id: string; jobId: string }> {
    return this.training.start(dto, user);
  }

  @Get()
  @ApiOperation({ summary: 'History of runs, newest first (without the per-epoch series)' })
  list(@Query() q: ListRunsQueryDto): Promise<{ items: TrainingRunView[]; total: number }> {
    return this.training.list(q.limit ?? 50, q.skip ?? 0);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Live status of a run: state, stage, progress, per-epoch loss/accuracy, ETA, result' })
  get(@Param('id') id: string): Promise<TrainingRunView> {
    return this.training.get(id);
  }

  @Get(':id/logs')
  @ApiOperation({ summary: 'The run log, oldest first; pass ?after=<seq> to get only newer entries' })
  logs(@Param('id') id: string, @Query() q: LogsQueryDto): Promise<LogEntryView[]> {
    return this.training.logs(id, q.after, q.limit ?? 1000);
  }

  /** Server-sent events: `status` with the run view on every change and `log` for each new log entry, until the run ends. */
  @Sse(':id/events')
  events(@Param('id') id: string): Observable<MessageEvent> {
    let lastSeq: number | undefined;
    return interval(1000).pipe(
      startWith(0),
      concatMap(() =>
        from(
          (async () => {
            const [view, entries] = await Promise.all([this.training.get(id), this.training.logs(id, lastSeq, 500)]);
            if (entries.length) lastSeq = entries[entries.length - 1].seq;
            return { view, entries };
          })(),
        ),
      ),
      switchMap(({ view, entries }) =>
        from([
          ...entries.map((e) => ({ type: 'log', data: e }) as MessageEvent),
          { type: 'status', data: view } as MessageEvent,
        ]),
      ),
      distinctUntilChanged((a, b) => a.type === 'status' && b.type === 'status' && JSON.stringify(a.data) === JSON.stringify(b.data)),
      takeWhile((ev) => !(ev.type === 'status' && FINAL.has((ev.data as TrainingRunView).state)), true),
      map((ev) => ev),
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running run' })
  cancel(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TrainingRunView> {
    return this.training.cancel(id, user);
  }
}
