import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { MongoModule } from './infra/mongo/mongo.module';
import { PostgresModule } from './infra/postgres/postgres.module';
import { QueueModule } from './infra/queue/queue.module';
import { SystemProcessorModule } from './infra/queue/system.processor';
import { WORKER_MODULES } from './worker-modules';

/** The queue-worker process: training, imports, feature caching and snapshots. No HTTP. */
@Module({
  imports: [ConfigModule, MongoModule, PostgresModule, QueueModule, SystemProcessorModule, ...WORKER_MODULES],
})
export class WorkerModule {}
