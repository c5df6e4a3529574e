// Matching form of text. Display always keeps the source characters; matching uses this.

const ARTEFACT_SPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** NFKC (full-width digits and letters to half-width, ideographic space to space), drop whitespace. */
export function normalize(text: string): string {
  return text.normalize('NFKC').replace(ARTEFACT_SPACE, '');
}

/** NFKC with whitespace runs collapsed to one space and trimmed: for titles and paths. */
export function normalizeTitle(text: string): string {
  return text.normalize('NFKC').replace(ARTEFACT_SPACE, ' ').trim();
}

/** The form the eval uses: NFKC with whitespace, punctuation and symbols removed. */
export function normalizeLoose(text: string): string {
  return text.normalize('NFKC').replace(/[\p{P}\p{S}\s]/gu, '');
}
