// English words in a query and in dictionary glosses, normalized alike: lower case, Latin letters,
// digits, apostrophes and inner hyphens; a light plural rule (materials → material, subsidies →
// subsidy) applied to both sides so that "new materials" meets the gloss "new material".
// English function and question words are stop words: they never translate and never form a concept.

/** English words that carry no topic (function words, question words, request verbs of questions). */
const STOP = new Set(
  (
    'a an the this that these those there here it its it\'s of to in on at by for from with without into onto over under about ' +
    'as than then and or nor but if so not no yes be is am are was were been being do does did done doing have has had having ' +
    'can could may might must shall should will would i me my we our us you your he him his she her they them their ' +
    'what which who whom whose where when why how whether any some all each every many much more most few other such ' +
    'please tell show find give list get know want need looking search me about regarding concerning via per ' +
    'sb sth etc one\'s oneself someone something'
  ).split(/\s+/),
);

/** Latin word characters after NFKC + lower case (an apostrophe or & only inside a word: R&D; a hyphen splits). */
const WORD = /[a-z0-9]+(?:['’&][a-z0-9]+)*/g;

export function isEnglishStopWord(word: string): boolean {
  return STOP.has(word);
}

/** True when the text contains a Latin letter (the cheap gate before any English processing). */
export function hasLatin(text: string): boolean {
  return /[a-z]/i.test(text);
}

/** Does this token consist of Latin letters (and digits) only, with at least one letter? */
export function isLatinWord(token: string): boolean {
  return /^[a-z0-9'’&]+$/.test(token) && /[a-z]/.test(token);
}

/**
 * A word's lookup form: plural endings dropped by a few safe rules. Applied identically to query
 * words and to gloss words, so it need not be linguistically right, only consistent and rarely
 * merging unrelated words (no -ing/-ed stripping: "need" and "ne", "funding" and "fund" stay apart).
 */
export function lemma(word: string): string {
  const w = word.replace(/’/g, "'");
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is|'s)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Lower-cased Latin words of a text, in order (digits-only tokens dropped). */
export function englishWords(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).filter((w) => /[a-z]/.test(w));
}

/**
 * The Latin segments of a query: maximal runs of Latin words separated only by spaces or hyphens
 * (water-saving = water saving; R&D stays one word); a phrase never spans Chinese text or other punctuation.
 */
export function englishSegments(text: string): string[][] {
  const out: string[][] = [];
  // '&' stays inside a segment (R&D is one word), as it does in glossary entries.
  for (const part of text.normalize('NFKC').toLowerCase().split(/[^a-z0-9'’\s&-]+/)) {
    const words = englishWords(part);
    if (words.length) out.push(words);
  }
  return out;
}

/** Suffixes stripped by stem(), longest first; a stem keeps at least MIN_STEM characters. */
const SUFFIXES = [
  'izations', 'ization', 'isation', 'ational', 'ations', 'ation', 'itions', 'ition', 'ements', 'ement', 'ments', 'ment',
  'ities', 'ity', 'ings', 'ing', 'ions', 'ion', 'ated', 'ates', 'ate', 'ised', 'ized', 'ises', 'izes', 'ise', 'ize',
  'ical', 'ics', 'ic', 'al', 'ies', 'ied', 'ers', 'er', 'ors', 'or', 'is', 'es', 'ed', 'ly', 's', 'e', 'y',
];
const MIN_STEM = 4;

/**
 * A crude stem for the fallback lookup when no gloss matches a word as typed: diagnosis / to
 * diagnose, irrigation / to irrigate, breeding / to breed meet. Collisions are possible, so a stem
 * match counts less than an exact one (translate.ts).
 */
export function stem(word: string): string {
  const w = lemma(word);
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= MIN_STEM) return w.slice(0, -s.length);
  }
  return w;
}
