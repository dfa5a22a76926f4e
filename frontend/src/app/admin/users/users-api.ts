import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

/** `GET /api/admin/users` item. */
export interface AdminUser {
  id: string;
  username: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string | null;
}

export type AuditAction = 'user.created' | 'user.disabled' | 'user.enabled' | 'user.password-changed';

/** `GET /api/admin/users/audit` item (newest first). */
export interface AuditEntry {
  id: string;
  actorUsername: string;
  action: AuditAction;
  targetUsername: string;
  createdAt: string;
}

/** Admin accounts: list, add, disable/enable, change own password, audit log. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/admin/users';

  list(): Observable<AdminUser[]> {
    return this.http.get<AdminUser[]>(this.base);
  }

  create(username: string, password: string): Observable<AdminUser> {
    return this.http.post<AdminUser>(this.base, { username, password });
  }

  setDisabled(id: string, disabled: boolean): Observable<AdminUser> {
    return this.http.post<AdminUser>(`${this.base}/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`, {});
  }

  changeOwnPassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.post<void>(`${this.base}/me/password`, { currentPassword, newPassword });
  }

  audit(): Observable<AuditEntry[]> {
    return this.http.get<AuditEntry[]>(`${this.base}/audit`);
  }
}
