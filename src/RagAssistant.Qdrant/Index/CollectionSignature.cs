using System.Text.Json.Nodes;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Qdrant.Index;

/// <summary>The embedding signature, kept in the collection's own metadata so that it travels with snapshots.</summary>
internal static class CollectionSignature
{
    private const string ProviderKey = "embedding_provider";
    private const string ModelKey = "embedding_model";
    private const string DimensionKey = "embedding_dimension";

    public static JsonObject ToMetadata(EmbeddingSignature signature) => new()
    {
        [ProviderKey] = signature.Provider,
        [ModelKey] = signature.Model,
        [DimensionKey] = signature.Dimension,
    };

    /// <summary>A collection created by something else has no signature; it reads as "unknown" and never matches.</summary>
    public static EmbeddingSignature Read(CollectionInfo info)
    {
        var metadata = info.Config.Metadata;
        if (metadata?[ProviderKey] is JsonValue provider && metadata[ModelKey] is JsonValue model && metadata[DimensionKey] is JsonValue dimension)
        {
            return new EmbeddingSignature(provider.GetValue<string>(), model.GetValue<string>(), dimension.GetValue<int>());
        }
        var size = info.Config.Params.Vectors?[QdrantPaperIndex.DenseVector]?["size"]?.GetValue<int>() ?? 0;
        return new EmbeddingSignature("unknown", "unknown", size);
    }
}
