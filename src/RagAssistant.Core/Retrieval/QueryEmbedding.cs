using Microsoft.Extensions.AI;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Marks an embedding request as a search query rather than a document. Microsoft.Extensions.AI has no input kind,
/// yet some models embed the two differently (snowflake-arctic-embed puts an instruction before queries), so the
/// request carries one in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; generators that need no
/// distinction ignore it.
/// </summary>
public static class QueryEmbedding
{
    public const string InputKindKey = "input_kind";
    public const string QueryKind = "query";

    /// <summary>Pass with every question or search query that is compared against indexed papers.</summary>
    public static EmbeddingGenerationOptions Options { get; } = new()
    {
        AdditionalProperties = new AdditionalPropertiesDictionary { [InputKindKey] = QueryKind },
    };

    /// <summary>Whether these options ask for a query embedding (see <see cref="Options"/>).</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(InputKindKey, out var kind) == true
        && string.Equals(kind as string, QueryKind, StringComparison.Ordinal);
}
