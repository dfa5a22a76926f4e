import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ModelsModule } from '../models/models.module';
import { ImageFeatures, ImageFeaturesSchema } from './schemas/image-features.schema';
import { EngineService } from './engine.service';
import { FeatureCacheService } from './feature-cache.service';

/** The phenotype engine as a Nest service: the worker-thread pool, the active model, the feature cache. */
@Module({
  imports: [ModelsModule, MongooseModule.forFeature([{ name: ImageFeatures.name, schema: ImageFeaturesSchema }])],
  providers: [EngineService, FeatureCacheService],
  exports: [EngineService, FeatureCacheService],
})
export class EngineModule {}
