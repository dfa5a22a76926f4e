import { Routes } from '@angular/router';
import { adminGuard } from '../core/auth/admin.guard';

/**
 * Admin area (lazy). Everything except /admin/login is guarded and shown inside AdminLayout.
 * To add a page: create `admin/<feature>/<feature>-page.ts`, add a child route below and an entry in admin-nav.ts.
 */
export const adminRoutes: Routes = [
  {
    path: 'login',
    title: 'Sign in — Cat Identifier admin',
    loadComponent: () => import('../core/auth/login-page/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [adminGuard],
    canActivateChild: [adminGuard],
    loadComponent: () => import('./admin-layout/admin-layout').then((m) => m.AdminLayout),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'images' },
      {
        path: 'images',
        title: 'Training images — Cat Identifier admin',
        loadComponent: () => import('./images/images-page').then((m) => m.ImagesPage),
      },
      {
        path: 'search',
        title: 'Web search — Cat Identifier admin',
        loadComponent: () => import('./search/search-page').then((m) => m.SearchPage),
      },
      {
        path: 'training',
        title: 'Training — Cat Identifier admin',
        loadComponent: () => import('./training/training-page').then((m) => m.TrainingPage),
      },
      {
        path: 'models',
        title: 'Models — Cat Identifier admin',
        loadComponent: () => import('./models/models-page').then((m) => m.ModelsPage),
      },
      {
        path: 'predictions',
        title: 'Predictions review — Cat Identifier admin',
        loadComponent: () => import('./predictions/predictions-page').then((m) => m.PredictionsPage),
      },
      {
        path: 'dashboards',
        title: 'Dashboards — Cat Identifier admin',
        loadComponent: () => import('./dashboards/dashboards-page').then((m) => m.DashboardsPage),
      },
      {
        path: 'users',
        title: 'Users — Cat Identifier admin',
        loadComponent: () => import('./users/users-page').then((m) => m.UsersPage),
      },
    ],
  },
];
