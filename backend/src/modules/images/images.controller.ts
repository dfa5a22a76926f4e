import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { BulkLabelDto, ImageSelectionDto, ListTrainingImagesQueryDto } from './dto/training-images.dto';
import { ImagesAdminService } from './images-admin.service';
import { SpoolInterceptor } from './upload-spool.interceptor';

@ApiTags('admin: training images')
@ApiBearerAuth()
@Controller('admin/training-images')
export class ImagesController {
  constructor(private readonly images: ImagesAdminService) {}

  @Post('zip')
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload a ZIP of images (optional labels.csv or vocabulary folder names); returns the import job id' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(SpoolInterceptor('zip'))
  uploadZip(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: AuthUser) {
    return this.images.enqueueZip(file, user.id);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload one or more images (field "files"); returns the import job id' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @UseInterceptors(SpoolInterceptor('images'))
  uploadImages(@UploadedFiles() files: Express.Multer.File[] | undefined, @CurrentUser() user: AuthUser) {
    return this.images.enqueueUploads(files, user.id);
  }

  @Get()
  @ApiOperation({ summary: 'Training images, filtered, sorted and paginated (page starts at 1)' })
  list(@Query() query: ListTrainingImagesQueryDto) {
    return this.images.list(query);
  }

  @Get('balance')
  @ApiOperation({ summary: 'Counts per trait value and per colour × pattern (labelled images only)' })
  balance() {
    return this.images.balance();
  }

  @Post('labels')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set any subset of traits on images chosen by ids or by filter (one update)' })
  label(@Body() dto: BulkLabelDto, @CurrentUser() user: AuthUser) {
    return this.images.bulkLabel(dto, user.id);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete images chosen by ids or by filter, with their stored files' })
  remove(@Body() dto: ImageSelectionDto) {
    return this.images.delete(dto);
  }

  @Get(':id/thumbnail')
  async thumbnail(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { stream, contentType } = await this.images.openThumbnail(id);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    return new StreamableFile(stream, { type: contentType });
  }

  @Get(':id/image')
  async image(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { stream, contentType, filename } = await this.images.openOriginal(id);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    return new StreamableFile(stream, { type: contentType, disposition: `inline; filename="${filename.replace(/[^\w.\- ]/g, '_')}"` });
  }
}
