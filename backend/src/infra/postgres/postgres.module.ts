import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { postgresOptions } from './data-source-options';

/**
 * PostgreSQL (the reporting warehouse) through TypeORM. Schema changes only by migrations
 * (never synchronize); the API process runs pending migrations at boot, the worker does not.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...postgresOptions(config.databaseUrl),
        autoLoadEntities: true,
        migrationsRun: config.processRole === 'api',
      }),
    }),
  ],
})
export class PostgresModule {}
