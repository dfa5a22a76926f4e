import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { loadConfig } from './config/config';
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

/** The built Angular app, served on the same origin as the API (only when it has been built). */
function frontendModule(): DynamicModule[] {
  const dist = loadConfig().frontendDist;
  if (!existsSync(dist)) return [];
  return [ServeStaticModule.forRoot({ rootPath: dist, exclude: ['/api/{*any}'] })];
}

/** The HTTP API process. */
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
    ...frontendModule(),
  ],
})
export class AppModule {}
