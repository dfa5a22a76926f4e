import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { BlobStore } from './blob-store';

/** The MongoDB connection (MongoDB 7 in production, FerretDB v1 locally) and the GridFS blob store. */
@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.mongoUrl,
        serverSelectionTimeoutMS: 10_000,
        // FerretDB v1 has no sessions/transactions; keep retryable writes off so nothing needs them.
        retryWrites: false,
      }),
    }),
  ],
  providers: [BlobStore],
  exports: [BlobStore],
})
export class MongoModule {}
