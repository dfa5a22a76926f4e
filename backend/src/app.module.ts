import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { MongoModule } from './infra/mongo/mongo.module';
import { PostgresModule } from './infra/postgres/postgres.module';
import { QueueModule } from './infra/queue/queue.module';
import { AuthModule } from './modules/auth/auth.module';
import { UsersModule } from './modules/users/users.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { HealthModule } from './modules/health/health.module';
import { ModelsModule } from './modules/models/models.module';
import { EngineModule } from './modules/engine/engine.module';
import { DOMAIN_MODULES } from './domain-modules';

/** The HTTP API process (the built Angular app is served beside it by `serveFrontend` in bootstrap.ts). */
@Module({
  imports: [
    ConfigModule,
    MongoModule,
    PostgresModule,
    QueueModule,
    AuthModule,
    UsersModule,
    JobsModule,
    HealthModule,
    ModelsModule,
    EngineModule,
    ...DOMAIN_MODULES,
  ],
})
export class AppModule {}
