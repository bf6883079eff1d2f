using Microsoft.Extensions.AI;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// The encoder for an embedder that can only embed whole texts (an OpenAI-compatible endpoint, a CLS-pooled model):
/// every chunk, every distinct title and every sentence is a text of its own, in one call per batch. It costs about
/// twice the chunk encoding alone; the local mean-pooled model avoids that by pooling from the chunk's own pass.
/// </summary>
public sealed class SeparateTextsChunkEncoder(IEmbeddingGenerator<string, Embedding<float>> embedder) : IChunkEncoder
{
    public async Task<IReadOnlyList<EncodedChunk>> EncodeAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        if (chunks.Count == 0) return [];
        var titles = chunks.Select(chunk => chunk.Title).Where(title => !string.IsNullOrWhiteSpace(title)).Distinct(StringComparer.Ordinal).ToList();
        var sentences = chunks.SelectMany(chunk => chunk.Sentences).ToList();
        // A sentence with no letter or digit ("…", a lone formula sign) has nothing to embed; it keeps an empty vector.
        var embeddable = sentences.Where(HasWords).ToList();
        var vectors = (await embedder.GenerateAsync([.. chunks.Select(chunk => chunk.Text), .. titles, .. embeddable], cancellationToken: cancellationToken))
            .Select(embedding => embedding.Vector)
            .ToList();

        var titleVectors = titles.Select((title, i) => (title, vector: vectors[chunks.Count + i])).ToDictionary(entry => entry.title, entry => entry.vector, StringComparer.Ordinal);
        var next = chunks.Count + titles.Count;
        return [.. chunks.Select((chunk, c) => new EncodedChunk(
            vectors[c],
            titleVectors.GetValueOrDefault(chunk.Title),
            [.. chunk.Sentences.Select(sentence => HasWords(sentence) ? vectors[next++] : ReadOnlyMemory<float>.Empty)]))];
    }

    private static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);
}
