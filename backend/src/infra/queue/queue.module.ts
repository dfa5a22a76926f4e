import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { ALL_QUEUES } from './queues';
import { redisConnectionFromUrl } from './redis-connection';
import { JobControl } from './job-control';

const registered = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));

/** BullMQ on Redis: the queues every process can enqueue to. Processors are registered by the worker only. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionFromUrl(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } },
      }),
    }),
    registered,
  ],
  providers: [JobControl],
  exports: [registered, JobControl],
})
export class QueueModule {}
