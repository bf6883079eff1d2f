using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Encodes each chunk once and takes its title's and its sentences' vectors from that same pass, by mean-pooling the
/// model's token states over their word pieces ("late chunking", Günther et al., 2024). The chunk's vector is exactly
/// what <see cref="LocalSentenceEncoder"/> gives for the chunk's text, and the sentences cost no further model time; a
/// sentence's vector also carries its context (the title and the sentences around it). BERT's tokenizer splits at
/// whitespace first, so the chunk's word pieces are its title's followed by each sentence's. A chunk longer than one
/// window of the model (a very long title) is encoded text by text instead.
/// </summary>
internal sealed class LateChunkingEncoder(SentenceTransformer transformer, LocalSentenceEncoder encoder) : IChunkEncoder
{
    public async Task<IReadOnlyList<EncodedChunk>> EncodeAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        var encoded = new EncodedChunk[chunks.Count];
        var windows = new List<int[]>(chunks.Count);
        var spans = new List<IReadOnlyList<Range>>(chunks.Count);
        var owners = new List<int>(chunks.Count);
        var overlong = new List<int>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var pieces = chunks[c].Sentences.Prepend(chunks[c].Title).Select(transformer.Tokenizer.Encode).ToList();
            if (pieces.Sum(piece => piece.Length) > transformer.Model.MaxTextTokens)
            {
                overlong.Add(c);
                continue;
            }

            var ranges = new List<Range>(pieces.Count);
            var start = 0;
            foreach (var piece in pieces)
            {
                ranges.Add(start..(start + piece.Length));
                start += piece.Length;
            }

            windows.Add([.. pieces.SelectMany(piece => piece)]);
            spans.Add(ranges);
            owners.Add(c);
        }

        foreach (var group in WindowGroups.ByLength(windows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = transformer.Session.EmbedWithSpans([.. group.Select(i => windows[i])], [.. group.Select(i => spans[i])]);
            for (var j = 0; j < group.Length; j++)
            {
                var (vector, pooled) = results[j];
                encoded[owners[group[j]]] = new EncodedChunk(vector, pooled[0], [.. pooled.Skip(1).Select(sentence => (ReadOnlyMemory<float>)sentence)]);
            }
        }

        if (overlong.Count > 0)
        {
            var separately = await new SeparateTextsChunkEncoder(encoder).EncodeAsync([.. overlong.Select(c => chunks[c])], cancellationToken);
            for (var i = 0; i < overlong.Count; i++) encoded[overlong[i]] = separately[i];
        }

        return encoded;
    }
}
