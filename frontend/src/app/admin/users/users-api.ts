import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { AdminUserView as AdminUser, AuditEntryView as AuditEntry } from '@api/contracts/users';

export type { AdminUserView as AdminUser, AuditAction, AuditEntryView as AuditEntry } from '@api/contracts/users';

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
