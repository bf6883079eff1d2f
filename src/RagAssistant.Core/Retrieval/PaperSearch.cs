using Microsoft.Extensions.AI;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The one way to search papers: encodes the question for BM25 and, when an embedder is configured,
/// as a vector, then asks the index. Without an embedder every search is BM25.
/// </summary>
public sealed class PaperSearch(IPaperIndex index, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public const int MaxTop = 100;

    public bool HasDenseSearch => embedder is not null;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string question, int top = 10, SearchMode mode = SearchMode.Hybrid, DateOnly? from = null, DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (embedder is null) mode = SearchMode.Sparse;
        // Spelled out: a bare null in the conditional would become an empty vector, not "no vector".
        ReadOnlyMemory<float>? vector = null;
        if (mode != SearchMode.Sparse) vector = (await embedder!.GenerateAsync([question], QueryEmbedding.Options, cancellationToken))[0].Vector;
        var query = new SearchQuery(question, Bm25Encoder.EncodeQuery(question), vector, Math.Clamp(top, 1, MaxTop), mode, from, to);
        return await index.SearchAsync(query, cancellationToken);
    }
}
