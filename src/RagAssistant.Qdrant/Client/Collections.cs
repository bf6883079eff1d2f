using System.Text.Json.Nodes;

namespace RagAssistant.Qdrant.Client;

/// <summary>What a new collection looks like (<c>PUT /collections/{name}</c>).</summary>
public sealed record CollectionSpec(
    IReadOnlyDictionary<string, DenseVectorParams> Vectors,
    IReadOnlyDictionary<string, SparseVectorParams>? SparseVectors = null,
    int? ShardNumber = null,
    int? ReplicationFactor = null,
    JsonObject? Metadata = null);

/// <summary>A named dense vector: its size and distance ("Cosine", "Dot", "Euclid").</summary>
public sealed record DenseVectorParams(int Size, string Distance = "Cosine");

/// <summary>A named sparse vector; modifier "idf" makes Qdrant weigh terms by inverse document frequency.</summary>
public sealed record SparseVectorParams(string? Modifier = null);

/// <summary>The parts of <c>GET /collections/{name}</c> the product reads.</summary>
public sealed record CollectionInfo(string Status, long? PointsCount, CollectionConfig Config);

public sealed record CollectionConfig(CollectionParams Params, JsonObject? Metadata);

/// <summary><see cref="Vectors"/> stays raw JSON: an unnamed vector config has another shape than named ones.</summary>
public sealed record CollectionParams(
    JsonNode? Vectors,
    int ShardNumber,
    int ReplicationFactor,
    IReadOnlyDictionary<string, SparseVectorParams>? SparseVectors);

/// <summary>Payload index types used here: "keyword", "integer", "datetime".</summary>
public sealed record PayloadIndexSpec(string FieldName, string FieldSchema);

public sealed record SnapshotDescription(string Name, string? CreationTime, long Size, string? Checksum);

/// <summary><c>GET /cluster</c>: whether distributed mode is on and which peers this node knows.</summary>
public sealed record ClusterStatus(string Status, ulong? PeerId, IReadOnlyDictionary<string, PeerInfo>? Peers);

public sealed record PeerInfo(string Uri);

/// <summary><c>GET /collections/{name}/cluster</c>: where the shards of a collection live, seen from one node.</summary>
public sealed record CollectionClusterInfo(ulong PeerId, int ShardCount, IReadOnlyList<LocalShard> LocalShards, IReadOnlyList<RemoteShard> RemoteShards);

public sealed record LocalShard(int ShardId, long PointsCount, string State);

public sealed record RemoteShard(int ShardId, ulong PeerId, string State);
