import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, isValidObjectId } from 'mongoose';
import { User, UserDocument } from './schemas/user.schema';
import { AuditEntry } from './schemas/audit-entry.schema';

/** The only code that touches the users and admin_audit_log collections. */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    @InjectModel(AuditEntry.name) private readonly audit: Model<AuditEntry>,
  ) {}

  findByUsername(username: string): Promise<UserDocument | null> {
    return this.users.findOne({ username: username.trim().toLowerCase() }).exec();
  }

  findById(id: string): Promise<UserDocument | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.users.findById(id).exec();
  }

  list(): Promise<UserDocument[]> {
    return this.users.find().sort({ username: 1 }).exec();
  }

  count(): Promise<number> {
    return this.users.countDocuments().exec();
  }

  /** Creates the user; null when the username is taken (unique index: FerretDB and MongoDB word it differently). */
  async create(data: Pick<User, 'username' | 'passwordHash' | 'createdBy'>): Promise<UserDocument | null> {
    try {
      return await this.users.create({ ...data, disabled: false });
    } catch (err) {
      const e = err as { code?: number; message?: string };
      if (e?.code === 11000 || /duplicate key/i.test(e?.message ?? '')) return null;
      throw err;
    }
  }

  async update(id: string, patch: Partial<Pick<User, 'disabled' | 'passwordHash' | 'passwordChangedAt'>>): Promise<UserDocument | null> {
    await this.users.updateOne({ _id: id }, { $set: patch }).exec();
    return this.findById(id);
  }

  addAudit(entry: Omit<AuditEntry, 'createdAt'>): Promise<unknown> {
    return this.audit.create(entry);
  }

  listAudit(limit: number) {
    return this.audit.find().sort({ createdAt: -1 }).limit(limit).lean().exec();
  }
}
