/**
 * `npm run admin:create -- --username NAME [--password PASS]` — creates an admin account directly in the
 * database (the way to make the first admin; later ones are added in the admin UI). Without --password a
 * strong one is generated and printed once.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { ConfigModule } from '../config/config.module';
import { MongoModule } from '../infra/mongo/mongo.module';
import { UsersModule } from '../modules/users/users.module';
import { UsersService } from '../modules/users/users.service';
import { parseArgs } from './args';

@Module({ imports: [ConfigModule, MongoModule, UsersModule] })
class AdminCliModule {}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const username = typeof args.username === 'string' ? args.username : undefined;
  if (!username) {
    console.error('Usage: npm run admin:create -- --username NAME [--password PASSWORD]');
    process.exit(2);
  }
  const password = typeof args.password === 'string' ? args.password : randomBytes(12).toString('base64url');
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error'] });
  try {
    const user = await app.get(UsersService).create(username, password, null);
    console.log(JSON.stringify({ created: true, username: user.username, ...(args.password ? {} : { password }) }));
  } catch (err) {
    const e = err as { message?: string; getResponse?: () => unknown };
    console.error(`Could not create the admin: ${e.message ?? String(err)}`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

void main();
