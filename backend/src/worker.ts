import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
process.env.PROCESS_ROLE ??= 'worker';
import { readConfigOrExit } from './bootstrap';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  readConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('Worker').log(`Queue worker running (pid ${process.pid})`);
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error('The worker failed to start:', err);
  process.exit(1);
});
