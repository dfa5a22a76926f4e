import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REPORTING_ENTITIES } from './entities';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** API side of reporting: the reports over the Postgres warehouse and "refresh now". */
@Module({
  imports: [TypeOrmModule.forFeature(REPORTING_ENTITIES)],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportingModule {}
