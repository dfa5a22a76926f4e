import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { ImportRequestDto, ImportResponseDto, SearchQueryDto } from './dto/image-search.dto';
import { ImageSearchService, ProviderInfo, SearchResponse } from './image-search.service';

@ApiTags('admin: image search')
@ApiBearerAuth()
@Controller('admin/image-search')
export class ImageSearchController {
  constructor(private readonly search: ImageSearchService) {}

  /** Providers and whether this server can use them (keys live in server config only). */
  @Get('providers')
  providers(): ProviderInfo[] {
    return this.search.listProviders();
  }

  /** One page of normalised results; 400 bad query/provider, 502 provider error, 504 provider timeout. */
  @Get()
  find(@Query() dto: SearchQueryDto): Promise<SearchResponse> {
    return this.search.search(dto);
  }

  /** Starts a background import of the chosen images; follow it with GET /api/admin/jobs/:jobId. */
  @Post('import')
  @HttpCode(202)
  @ApiOkResponse({ type: ImportResponseDto })
  import(@Body() dto: ImportRequestDto, @CurrentUser() user: AuthUser): Promise<{ jobId: string }> {
    return this.search.enqueueImport(dto, user.id);
  }
}
