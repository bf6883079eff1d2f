using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Index;

/// <summary>The embedding signature, kept in the collection's own metadata so that it travels with snapshots.</summary>
internal static class CollectionSignature
{
    private const string ProviderKey = "embedding_provider";
    private const string ModelKey = "embedding_model";
    private const string DimensionKey = "embedding_dimension";
    private const string LayoutKey = "index_layout";

    public static Dictionary<string, Value> ToMetadata(EmbeddingSignature signature) => new()
    {
        [ProviderKey] = signature.Provider,
        [ModelKey] = signature.Model,
        [DimensionKey] = signature.Dimension,
        [LayoutKey] = IndexLayout.Current,
    };

    /// <summary>The <see cref="IndexLayout"/> the collection was made for; a collection of the first layout recorded none.</summary>
    public static int ReadLayout(CollectionInfo info) =>
        info.Config.Metadata.TryGetValue(LayoutKey, out var layout) ? (int)layout.IntegerValue : IndexLayout.Unrecorded;

    /// <summary>A collection created by something else has no signature; it reads as "unknown" and never matches.</summary>
    public static EmbeddingSignature Read(CollectionInfo info)
    {
        var metadata = info.Config.Metadata;
        if (metadata.TryGetValue(ProviderKey, out var provider) && metadata.TryGetValue(ModelKey, out var model)
            && metadata.TryGetValue(DimensionKey, out var dimension))
        {
            return new EmbeddingSignature(provider.StringValue, model.StringValue, (int)dimension.IntegerValue);
        }
        var vectors = info.Config.Params.VectorsConfig;
        var size = vectors?.ParamsMap?.Map.TryGetValue(PaperCollection.DenseVector, out var dense) == true ? (int)dense.Size : 0;
        return new EmbeddingSignature("unknown", "unknown", size);
    }
}
