export * from './prediction';
export * from './vocabulary';
export * from './vocabulary-fallback';
