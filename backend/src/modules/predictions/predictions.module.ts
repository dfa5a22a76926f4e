import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EngineModule } from '../engine/engine.module';
import { ImagesModule } from '../images/images.module';
import { Prediction, PredictionSchema } from './schemas/prediction.schema';
import { PredictionsRepository } from './predictions.repository';
import { PredictionsService } from './predictions.service';
import { PredictionsController } from './predictions.controller';
import { AdminPredictionsController } from './admin-predictions.controller';

@Module({
  imports: [EngineModule, ImagesModule, MongooseModule.forFeature([{ name: Prediction.name, schema: PredictionSchema }])],
  controllers: [PredictionsController, AdminPredictionsController],
  providers: [PredictionsRepository, PredictionsService],
  exports: [PredictionsService],
})
export class PredictionsModule {}
