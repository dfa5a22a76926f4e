import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { focusPageStart } from '../../core/shell/app-shell';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { ADMIN_NAV } from '../admin-nav';

/** Frame of the admin area: side nav (a drawer on phones), signed-in user and logout, routed page. */
@Component({
  selector: 'app-admin-layout',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatDividerModule,
    MatTooltipModule,
  ],
  templateUrl: './admin-layout.html',
  styleUrl: './admin-layout.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayout {
  protected readonly auth = inject(AuthStore);
  protected readonly nav = ADMIN_NAV;
  protected readonly loggingOut = signal(false);
  protected readonly isSmall = toSignal(
    inject(BreakpointObserver).observe('(max-width: 899px)').pipe(map((r) => r.matches)),
    { initialValue: false },
  );
  protected readonly drawerOpen = signal(false);

  /** a link in the phone drawer was followed: once the drawer has closed, focus goes to the new page's heading */
  private navigatedFromDrawer = false;

  constructor() {
    // Close the drawer after navigating on phones.
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd), takeUntilDestroyed())
      .subscribe(() => {
        if (this.drawerOpen()) this.navigatedFromDrawer = true;
        this.drawerOpen.set(false);
      });
  }

  /**
   * The closing drawer gives focus back to the "Admin menu" button (after the shell has put it on the new page's
   * heading); after following one of its links, the heading is where a keyboard user expects to be.
   */
  protected onDrawerClosed(): void {
    if (!this.navigatedFromDrawer) return;
    this.navigatedFromDrawer = false;
    focusPageStart(document, true);
  }

  protected logout(): void {
    this.loggingOut.set(true);
    this.auth.logout().subscribe({ complete: () => this.loggingOut.set(false) });
  }
}
