import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { ModelDetailView, ModelSummaryView } from './domain/model-view';
import { ModelsService } from './models.service';

@ApiTags('admin: models')
@ApiBearerAuth()
@Controller('admin/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiOperation({ summary: 'All registered models, newest first, with headline metrics per trait and the active flag' })
  list(): Promise<ModelSummaryView[]> {
    return this.models.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One model: per-trait metrics with confusion matrices, dataset size and balance, provenance' })
  detail(@Param('id') id: string): Promise<ModelDetailView> {
    return this.models.detail(id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make this model the one predictions use (activate an older model to roll back)' })
  activate(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ModelDetailView> {
    return this.models.activate(id, user?.username ?? null);
  }
}
