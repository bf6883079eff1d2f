using Grpc.Core;
using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// The layout of the papers collection: one point per paper, holding a dense multivector of its chunk
/// vectors compared by max_sim (a one-vector query scores a paper as its best chunk's cosine, as the
/// embedded store does), its BM25 terms as a sparse vector weighted by Qdrant's IDF (over papers, since
/// a point is a paper), and its title's vector and sentences' multivector (<see cref="SentencePayload"/>).
/// </summary>
internal static class PaperCollection
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";
    public const string TitleVector = "title";
    public const string SentenceVectors = "sentences";

    /// <summary>Creates the collection; false when another process created it first (its signature is then checked by the caller).</summary>
    public static async Task<bool> CreateAsync(QdrantConnection connection, QdrantOptions options, EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        var dense = new VectorParamsMap();
        if (signature.HasVectors)
        {
            dense.Map[DenseVector] = new VectorParams
            {
                Size = (ulong)signature.Dimension,
                Distance = Distance.Cosine,
                MultivectorConfig = new MultiVectorConfig { Comparator = MultiVectorComparator.MaxSim },
            };
            // Read back with their paper, never searched by: no HNSW graph is built for them (m = 0).
            dense.Map[TitleVector] = new VectorParams { Size = (ulong)signature.Dimension, Distance = Distance.Cosine, HnswConfig = new HnswConfigDiff { M = 0 } };
            dense.Map[SentenceVectors] = new VectorParams
            {
                Size = (ulong)signature.Dimension,
                Distance = Distance.Cosine,
                MultivectorConfig = new MultiVectorConfig { Comparator = MultiVectorComparator.MaxSim },
                HnswConfig = new HnswConfigDiff { M = 0 },
            };
        }
        var sparse = new SparseVectorConfig { Map = { [SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf } } };
        try
        {
            await connection.CallAsync("create collection", (client, token) => client.CreateCollectionAsync(
                options.Collection,
                dense,
                CollectionSignature.ToMetadata(signature),
                shardNumber: (uint)options.ShardNumber,
                replicationFactor: (uint)options.ReplicationFactor,
                sparseVectorsConfig: sparse,
                cancellationToken: token), cancellationToken);
        }
        catch (QdrantRefusedException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            return false;
        }
        // Lets date-bounded searches filter through an index instead of reading each candidate's payload.
        await connection.CallAsync("index the date", (client, token) => client.CreatePayloadIndexAsync(
            options.Collection, PaperPayload.DateField, PayloadSchemaType.Datetime, cancellationToken: token), cancellationToken);
        return true;
    }
}
