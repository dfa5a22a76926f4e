import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AuthUser } from '../../common/current-user.decorator';
import type { AdminUserView, AuditEntryView } from '../../contracts/users';
import { passwordProblems, usernameProblems } from './domain/password-rules';
import { UsersRepository } from './users.repository';
import { UserDocument } from './schemas/user.schema';

export type UserView = AdminUserView;

const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class UsersService {
  /** A real hash to verify against when the username is unknown, so timing does not reveal which usernames exist. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly repo: UsersRepository) {}

  async create(username: string, password: string, actor: AuthUser | null): Promise<UserView> {
    const name = (username ?? '').trim().toLowerCase();
    const problems = [...usernameProblems(name), ...passwordProblems(password ?? '', name)];
    if (problems.length) throw new BadRequestException(problems.join(' '));
    if (await this.repo.findByUsername(name)) throw new ConflictException(`An admin called "${name}" already exists.`);
    const passwordHash = await argon2.hash(password, HASH_OPTIONS);
    const user = await this.repo.create({ username: name, passwordHash, createdBy: actor?.username ?? null });
    if (!user) throw new ConflictException(`An admin called "${name}" already exists.`); // lost a race with a concurrent create
    if (actor) await this.audit(actor, 'user.created', user);
    return toView(user);
  }

  /** Returns the user when the credentials are right and the account is enabled, otherwise null. */
  async verifyCredentials(username: string, password: string): Promise<UserDocument | null> {
    const user = await this.repo.findByUsername(username ?? '');
    if (!user) {
      this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), HASH_OPTIONS);
      await argon2.verify(await this.dummyHash, password ?? '').catch(() => false);
      return null;
    }
    const ok = await argon2.verify(user.passwordHash, password ?? '').catch(() => false);
    return ok && !user.disabled ? user : null;
  }

  async findActive(id: string): Promise<UserDocument | null> {
    const user = await this.repo.findById(id);
    return user && !user.disabled ? user : null;
  }

  async list(): Promise<UserView[]> {
    return (await this.repo.list()).map(toView);
  }

  async setDisabled(id: string, disabled: boolean, actor: AuthUser): Promise<UserView> {
    if (id === actor.id && disabled) throw new ForbiddenException('You cannot disable your own account.');
    const user = await this.repo.findById(id);
    if (!user) throw new NotFoundException('No admin with that id.');
    const updated = await this.repo.update(id, { disabled });
    await this.audit(actor, disabled ? 'user.disabled' : 'user.enabled', user);
    return toView(updated!);
  }

  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.repo.findById(actor.id);
    if (!user) throw new NotFoundException('Your account no longer exists.');
    if (!(await argon2.verify(user.passwordHash, currentPassword ?? '').catch(() => false))) {
      throw new BadRequestException('Your current password is not right.');
    }
    const problems = passwordProblems(newPassword ?? '', user.username);
    if (newPassword === currentPassword) problems.push('The new password must be different from the current one.');
    if (problems.length) throw new BadRequestException(problems.join(' '));
    await this.repo.update(actor.id, { passwordHash: await argon2.hash(newPassword, HASH_OPTIONS), passwordChangedAt: new Date() });
    await this.audit(actor, 'user.password-changed', user);
  }

  async auditLog(limit = 200): Promise<AuditEntryView[]> {
    return (await this.repo.listAudit(limit)).map((e) => ({
      id: String(e._id),
      actorUsername: e.actorUsername,
      action: e.action,
      targetUsername: e.targetUsername,
      createdAt: new Date(e.createdAt).toISOString(),
    }));
  }

  /**
   * Makes sure there is a first admin. Uses the given credentials, or generates a password
   * (returned once so the caller can print it). Does nothing when any admin exists.
   */
  async ensureFirstAdmin(username?: string, password?: string): Promise<{ created: boolean; username?: string; generatedPassword?: string }> {
    if ((await this.repo.count()) > 0) return { created: false };
    const name = username || 'admin';
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    try {
      await this.create(name, password || generated!, null);
    } catch (err) {
      if (err instanceof ConflictException) return { created: false }; // another process created it at the same moment
      throw err;
    }
    return { created: true, username: name, generatedPassword: generated };
  }

  private async audit(actor: AuthUser, action: 'user.created' | 'user.disabled' | 'user.enabled' | 'user.password-changed', target: UserDocument) {
    await this.repo.addAudit({
      actorId: actor.id,
      actorUsername: actor.username,
      action,
      targetUserId: String(target._id),
      targetUsername: target.username,
    });
  }
}

function toView(u: UserDocument): UserView {
  return {
    id: String(u._id),
    username: u.username,
    disabled: u.disabled,
    createdAt: (u.createdAt ?? new Date()).toISOString(),
    createdBy: u.createdBy,
  };
}
