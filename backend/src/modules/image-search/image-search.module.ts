import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { TrainingImagesService } from '../images/training-images.service';
import { ImageSearchController } from './image-search.controller';
import { ImageSearchService } from './image-search.service';
import { ImageSearchProviders } from './providers/provider-registry';
import { TRAINING_IMAGE_LIBRARY } from './training-image-library';

/** Web image search (API process): provider adapters, search endpoint and the import request. */
@Module({
  imports: [ImagesModule],
  controllers: [ImageSearchController],
  providers: [ImageSearchProviders, ImageSearchService, { provide: TRAINING_IMAGE_LIBRARY, useExisting: TrainingImagesService }],
  exports: [ImageSearchService],
})
export class ImageSearchModule {}
