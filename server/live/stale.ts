// When is a readable index out of date? No index, a changed corpus (documents, manifest,
// dictionaries), an older schema, or an embedder other than the one explicitly asked for.
import { SCHEMA_VERSION } from '../kb/schema.ts';
import type { EmbedOptions } from '../kb/embed/options.ts';

/**
 * Why the index must be rebuilt, or null when it is current: no index, a changed corpus (documents,
 * manifest, dictionaries), an older schema, or an embedder other than the one explicitly asked for
 * (POLICYKB_EMBEDDER=lsa|transformers, or another POLICYKB_MODEL); `auto` accepts whichever built it.
 */
export function staleReason(meta: Record<string, string> | null, corpusHash: string, embed: EmbedOptions): string | null {
  if (!meta) return 'no index yet';
  if (meta.corpus_hash !== corpusHash) return 'corpus changed since the index was built';
  if (Number(meta.schema_version) !== SCHEMA_VERSION) return 'index schema changed';
  const built = meta.embedder_id ?? '';
  if (embed.embedder === 'lsa' && !built.startsWith('lsa')) return 'the corpus-trained embedder was asked for';
  if (embed.embedder === 'transformers' && !built.startsWith(`transformers:${embed.transformers.model}:`)) {
    return `embedder ${embed.transformers.model} was asked for`;
  }
  return null;
}
