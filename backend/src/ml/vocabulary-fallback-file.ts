/** Where the Angular app keeps its built-in copy of the vocabulary, and its exact text (see cli/vocabulary-fallback). */
import * as path from 'node:path';
import { vocabularyDto } from './vocabulary';

export const FALLBACK_VOCABULARY_FILE = path.resolve(__dirname, '../../../frontend/src/app/shared/models/vocabulary-fallback.json');

export function vocabularyFallbackJson(): string {
  return JSON.stringify(vocabularyDto(), null, 2) + '\n';
}
