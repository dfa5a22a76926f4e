/** Side-nav entries of the admin area. Add an entry here and a route in admin.routes.ts for a new page. */
export interface AdminNavEntry {
  path: string;
  label: string;
  icon: string;
}

export const ADMIN_NAV: readonly AdminNavEntry[] = [
  { path: 'images', label: 'Training images', icon: 'photo_library' },
  { path: 'search', label: 'Web search', icon: 'travel_explore' },
  { path: 'training', label: 'Training', icon: 'model_training' },
  { path: 'models', label: 'Models', icon: 'deployed_code' },
  { path: 'predictions', label: 'Predictions review', icon: 'rate_review' },
  { path: 'dashboards', label: 'Dashboards', icon: 'monitoring' },
  { path: 'users', label: 'Users', icon: 'group' },
];
