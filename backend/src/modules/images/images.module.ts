import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TrainingImage, TrainingImageSchema } from './schemas/training-image.schema';
import { TrainingImagesRepository } from './training-images.repository';
import { TrainingImagesService } from './training-images.service';
import { ImagesAdminService } from './images-admin.service';
import { ImagesController } from './images.controller';

export const TrainingImagesFeature = MongooseModule.forFeature([{ name: TrainingImage.name, schema: TrainingImageSchema }]);

/** Training images: the admin's data studio (API) and TrainingImagesService for other modules. */
@Module({
  imports: [TrainingImagesFeature],
  controllers: [ImagesController],
  providers: [TrainingImagesRepository, TrainingImagesService, ImagesAdminService],
  exports: [TrainingImagesService],
})
export class ImagesModule {}
