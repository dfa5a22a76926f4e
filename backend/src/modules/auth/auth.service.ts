import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { UsersService } from '../users/users.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface Session {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: { id: string; username: string };
}

export const WRONG_CREDENTIALS = 'Wrong username or password.';
const SESSION_EXPIRED = 'Your session has expired. Please sign in again.';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    const user = await this.users.verifyCredentials(username, password);
    if (!user) throw new UnauthorizedException(WRONG_CREDENTIALS);
    return this.issue({ id: String(user._id), username: user.username }, randomUUID());
  }

  /** Rotates a refresh token: the old one becomes unusable; a replayed one revokes its whole family. */
  async refresh(presented: string | undefined): Promise<Session> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) throw new UnauthorizedException(SESSION_EXPIRED);
    const stored = await this.tokens.find(parsed.tokenId);
    if (!stored || !sameHash(stored.secretHash, hashSecret(parsed.secret))) throw new UnauthorizedException(SESSION_EXPIRED);
    if (stored.revokedAt || stored.usedAt) {
      await this.tokens.revokeFamily(stored.familyId);
      throw new UnauthorizedException(SESSION_EXPIRED);
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException(SESSION_EXPIRED);
    if (!(await this.tokens.markUsed(parsed.tokenId))) {
      await this.tokens.revokeFamily(stored.familyId);
      throw new UnauthorizedException(SESSION_EXPIRED);
    }
    const user = await this.users.findActive(stored.userId);
    if (!user) {
      await this.tokens.revokeFamily(stored.familyId);
      throw new UnauthorizedException(SESSION_EXPIRED);
    }
    return this.issue({ id: String(user._id), username: user.username }, stored.familyId);
  }

  async logout(presented: string | undefined): Promise<void> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) return;
    const stored = await this.tokens.find(parsed.tokenId);
    if (stored && sameHash(stored.secretHash, hashSecret(parsed.secret))) await this.tokens.revokeFamily(stored.familyId);
  }

  private async issue(user: { id: string; username: string }, familyId: string): Promise<Session> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username },
      { expiresIn: this.config.auth.accessTokenTtlSeconds },
    );
    const tokenId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000);
    await this.tokens.create({ tokenId, secretHash: hashSecret(secret), familyId, userId: user.id, expiresAt: refreshExpiresAt });
    return { accessToken, refreshToken: `${tokenId}.${secret}`, refreshExpiresAt, user };
  }
}

function parseRefreshToken(token: string | undefined): { tokenId: string; secret: string } | null {
  if (!token || token.length > 200) return null;
  const [tokenId, secret] = token.split('.');
  if (!tokenId || !secret) return null;
  return { tokenId, secret };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
