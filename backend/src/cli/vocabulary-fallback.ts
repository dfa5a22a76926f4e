/**
 * Writes the Angular app's built-in copy of the vocabulary (used only when `GET /api/vocabulary` cannot be loaded)
 * from the one source, `vocabularyDto()` in ml/vocabulary.ts, so both always use the same breeder words.
 * Usage: npm run vocabulary:fallback   (vocabulary.spec.ts fails when the copy is out of date)
 */
import * as fs from 'node:fs';
import { FALLBACK_VOCABULARY_FILE, vocabularyFallbackJson } from '../ml/vocabulary-fallback-file';

fs.writeFileSync(FALLBACK_VOCABULARY_FILE, vocabularyFallbackJson());
process.stderr.write(`wrote ${FALLBACK_VOCABULARY_FILE}\n`);
