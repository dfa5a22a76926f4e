import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** Shared by the Nest module, the migration CLI and tests. Migrations are compiled with the app. */
export function postgresOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrations: [path.join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'typeorm_migrations',
    logging: ['error'],
    extra: { max: 10 },
  };
}
