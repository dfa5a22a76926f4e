import { Module } from '@nestjs/common';
import { ImagesModule } from './images.module';
import { ImagesImportProcessor } from './images.processor';

/** Worker side of training images: the ZIP / multi-file import processors (queue "imports"). */
@Module({
  imports: [ImagesModule],
  providers: [ImagesImportProcessor],
})
export class ImagesWorkerModule {}
