import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ImagesModule } from '../images/images.module';
import { TrainingImagesService } from '../images/training-images.service';
import { WebImportsProcessor } from './image-search.processor';
import { TRAINING_IMAGE_LIBRARY } from './training-image-library';
import { addressCheckFromConfig, WEB_ADDRESS_CHECK, WebImportService } from './web-import.service';

/** The web-imports queue consumer (worker process only). */
@Module({
  imports: [ImagesModule],
  providers: [
    WebImportService,
    WebImportsProcessor,
    { provide: TRAINING_IMAGE_LIBRARY, useExisting: TrainingImagesService },
    { provide: WEB_ADDRESS_CHECK, inject: [APP_CONFIG], useFactory: (config: AppConfig) => addressCheckFromConfig(config) },
  ],
  exports: [WebImportService],
})
export class ImageSearchWorkerModule {}
