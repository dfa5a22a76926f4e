import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateRangeQuery, ModelsReportQuery, PredictionsReportQuery, TrainingImagesReportQuery } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('admin: reports')
@ApiBearerAuth()
@Controller('admin/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('snapshots')
  @HttpCode(202)
  @ApiOperation({ summary: "Take today's snapshot now (replaces today's rows). Follow it with GET /api/admin/jobs/:jobId." })
  requestSnapshot() {
    return this.reports.requestSnapshot();
  }

  @Get('snapshots')
  @ApiOperation({ summary: 'The snapshots taken (newest first, up to 60) and the last one.' })
  snapshots() {
    return this.reports.snapshots();
  }

  @Get('training-images')
  @ApiOperation({ summary: 'Training set size over time, label balance (labelled only), unlabelled by source, thinnest colour × pattern cells.' })
  trainingImages(@Query() q: TrainingImagesReportQuery) {
    return this.reports.trainingImages(q);
  }

  @Get('models')
  @ApiOperation({ summary: 'Accuracy and loss per model, per training date, and test metrics per trait.' })
  models(@Query() q: ModelsReportQuery) {
    return this.reports.models(q);
  }

  @Get('predictions')
  @ApiOperation({ summary: 'Predictions over time, user/admin verdicts per group, real-world accuracy per trait, the active model.' })
  predictions(@Query() q: PredictionsReportQuery) {
    return this.reports.predictions(q);
  }

  @Delete()
  @ApiOperation({ summary: 'Delete reporting rows in the range (no range = all). Never touches images or models.' })
  deleteReports(@Query() q: DateRangeQuery) {
    return this.reports.deleteReports(q);
  }
}
