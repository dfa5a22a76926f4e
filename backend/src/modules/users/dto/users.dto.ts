import { IsString, MaxLength } from 'class-validator';

export class CreateUserDto {
  @IsString() @MaxLength(64) username: string;
  @IsString() @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  @IsString() @MaxLength(200) currentPassword: string;
  @IsString() @MaxLength(200) newPassword: string;
}
