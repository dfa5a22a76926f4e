import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PredictionModel, PredictionModelSchema, Setting, SettingSchema } from './schemas/prediction-model.schema';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';
import { ModelsController } from './models.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PredictionModel.name, schema: PredictionModelSchema },
      { name: Setting.name, schema: SettingSchema },
    ]),
  ],
  controllers: [ModelsController],
  providers: [ModelsRepository, ModelsService],
  exports: [ModelsService],
})
export class ModelsModule {}
