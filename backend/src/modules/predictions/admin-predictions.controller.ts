import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { BulkReviewDto, ListPredictionsQuery, ReviewDto } from './dto/feedback.dto';
import { PredictionsService } from './predictions.service';

/** The review queue: what breeders said, and the admins' decisions that turn it into training data. */
@ApiTags('admin: predictions review')
@ApiBearerAuth()
@Controller('admin/predictions')
export class AdminPredictionsController {
  constructor(private readonly predictions: PredictionsService) {}

  @Get()
  list(@Query() q: ListPredictionsQuery) {
    return this.predictions.list(q);
  }

  @Post('review')
  bulkReview(@Body() dto: BulkReviewDto, @CurrentUser() user: AuthUser) {
    return this.predictions.bulkReview(dto.ids, dto.decision, dto.label, dto.addToTraining ?? false, user);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.predictions.adminGet(id);
  }

  @Post(':id/review')
  review(@Param('id') id: string, @Body() dto: ReviewDto, @CurrentUser() user: AuthUser) {
    return this.predictions.review(id, dto.decision, dto.label, dto.addToTraining ?? false, user);
  }
}
