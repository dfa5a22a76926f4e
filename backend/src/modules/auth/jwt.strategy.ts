import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { AuthUser } from '../../common/current-user.decorator';
import { UsersService } from '../users/users.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.auth.jwtSecret,
      algorithms: ['HS256'],
    });
  }

  /** A disabled or deleted admin loses access at once, even with an unexpired token. */
  async validate(payload: { sub: string; username: string }): Promise<AuthUser> {
    const user = await this.users.findActive(payload.sub);
    if (!user) throw new UnauthorizedException('Your account is disabled or no longer exists.');
    return { id: payload.sub, username: user.username };
  }
}
