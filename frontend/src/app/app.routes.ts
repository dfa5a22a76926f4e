import { Routes } from '@angular/router';

export const routes: Routes = [
  { path: 'admin', loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes) },
  { path: '', loadChildren: () => import('./breeder/breeder.routes').then((m) => m.breederRoutes) },
];
