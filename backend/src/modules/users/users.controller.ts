import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { ChangePasswordDto, CreateUserDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('admin: users')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  @Post()
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.create(dto.username, dto.password, actor);
  }

  @Get('audit')
  audit() {
    return this.users.auditLog();
  }

  @Post('me/password')
  @HttpCode(204)
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() actor: AuthUser) {
    await this.users.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Post(':id/disable')
  disable(@Param('id') id: string, @CurrentUser() actor: AuthUser) {
    return this.users.setDisabled(id, true, actor);
  }

  @Post(':id/enable')
  enable(@Param('id') id: string, @CurrentUser() actor: AuthUser) {
    return this.users.setDisabled(id, false, actor);
  }
}
