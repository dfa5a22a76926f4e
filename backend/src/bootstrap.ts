import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { useBodyParsers } from './common/body-parsing';
import { serveFrontend } from './common/serve-frontend';
import { createValidationPipe } from './common/validation';
import { AppConfig, loadConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { EngineService } from './modules/engine/engine.service';
import { ModelsService } from './modules/models/models.service';
import { UsersService } from './modules/users/users.service';

/** Everything the HTTP app needs besides listening: used by main.ts and by integration tests alike. */
export async function createApi(options: { logger?: false | LogLevel[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bufferLogs: false,
    bodyParser: false, // useBodyParsers: the same parsers, with readable errors
  });
  configureApi(app);
  return app;
}

export function configureApi(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  // Baseline security headers. Result links are capabilities (whoever holds one sees the result), so no page may
  // leak its URL to other sites through the Referer header; no framing; no MIME sniffing.
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; object-src 'none'");
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  });
  useBodyParsers(express);
  serveFrontend(express, config.frontendDist);
  app.setGlobalPrefix('api');
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Cat Identifier API')
      .setDescription('Public phenotype predictions and the admin API for training data, models and reports.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc);
}

/** Boot-time chores of the API process: the first admin, the starter model, a warm engine. */
export async function prepareApi(app: INestApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = new Logger('Bootstrap');
  const admin = await app.get(UsersService).ensureFirstAdmin(config.admin.username, config.admin.password);
  if (admin.created) {
    if (admin.generatedPassword) {
      logger.warn(
        `Created the first admin "${admin.username}" with the generated password: ${admin.generatedPassword}  (shown once; change it under Admin → Users)`,
      );
    } else {
      logger.log(`Created the first admin "${admin.username}" from ADMIN_USERNAME/ADMIN_PASSWORD.`);
    }
  }
  await app.get(ModelsService).ensureStarterModel();
  await app.get(EngineService).warmUp();
}

export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    // eslint-disable-next-line no-console
    console.error(err instanceof Error ? err.message : err);
    process.exit(78); // EX_CONFIG
  }
}
