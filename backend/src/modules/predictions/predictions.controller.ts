import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/public.decorator';
import { RateLimit, RateLimitGuard } from '../../common/rate-limit';
import { ImageUploadInterceptor } from '../../common/image-upload.interceptor';
import { vocabularyDto } from '../../ml';
import { FeedbackDto } from './dto/feedback.dto';
import { PredictionsService } from './predictions.service';

/** The public face: breeders upload a photo, read the phenotype, say whether it was right. No login. */
@ApiTags('public: predictions')
@Public()
@Controller()
export class PredictionsController {
  constructor(private readonly predictions: PredictionsService) {}

  @Post('predictions')
  @UseGuards(RateLimitGuard)
  @RateLimit('predictions')
  @UseInterceptors(ImageUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' } } } })
  create(@UploadedFile() file: Express.Multer.File | undefined) {
    return this.predictions.create(file);
  }

  @Get('predictions/:id')
  get(@Param('id') id: string) {
    return this.predictions.get(id);
  }

  @Get('predictions/:id/image')
  @Header('Cache-Control', 'private, max-age=86400, immutable')
  async image(@Param('id') id: string, @Query('size') size: string | undefined, @Res({ passthrough: true }) res: Response) {
    const stream = await this.predictions.imageStream(id, size === 'original' ? 'original' : 'display');
    res.setHeader('Content-Type', size === 'original' ? 'application/octet-stream' : 'image/jpeg');
    return new StreamableFile(stream);
  }

  @Post('predictions/:id/feedback')
  @HttpCode(201)
  feedback(@Param('id') id: string, @Body() dto: FeedbackDto) {
    return this.predictions.feedback(id, dto.accepted, dto.correction, dto.answerToken);
  }

  /** What the model answering breeders can tell (traits, and colours and patterns it has not learnt). */
  @Get('model')
  @Header('Cache-Control', 'no-cache')
  currentModel() {
    return this.predictions.currentModel();
  }

  @Get('vocabulary')
  @Header('Cache-Control', 'public, max-age=3600')
  vocabulary() {
    return vocabularyDto();
  }
}
