/** `/api/admin/users…` — admin accounts and their audit log. */

/** `GET /api/admin/users` item; also what add/disable/enable return. */
export interface AdminUserView {
  id: string;
  username: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string | null;
}

export type AuditAction = 'user.created' | 'user.disabled' | 'user.enabled' | 'user.password-changed';

/** `GET /api/admin/users/audit` item (newest first). Never holds a password. */
export interface AuditEntryView {
  id: string;
  actorUsername: string;
  action: AuditAction;
  targetUsername: string;
  createdAt: string;
}
