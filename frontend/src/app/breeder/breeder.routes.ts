import { Routes } from '@angular/router';

export const breederRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Cat Identifier — British Shorthair coat from a photo',
    loadComponent: () => import('./upload-page/upload-page').then((m) => m.UploadPage),
  },
  {
    path: 'result/:id',
    title: 'Your cat’s coat — Cat Identifier',
    loadComponent: () => import('./result-page/result-page').then((m) => m.ResultPage),
  },
  {
    path: '**',
    title: 'Page not found — Cat Identifier',
    loadComponent: () => import('../core/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
