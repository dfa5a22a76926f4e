import { Vocabulary } from './vocabulary';
import generated from './vocabulary-fallback.json';

/**
 * Built-in copy of the trait vocabulary, used only when `GET /api/vocabulary` cannot be loaded, so a result page
 * still reads in breeder terms. The JSON is written from the server's own vocabulary (`npm run vocabulary:fallback`;
 * a backend test fails when it is out of date), so both use the same words. The server's vocabulary always wins.
 */
export const FALLBACK_VOCABULARY: Vocabulary = generated as Vocabulary;
