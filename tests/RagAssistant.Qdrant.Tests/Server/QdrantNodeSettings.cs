namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>How one Qdrant process is started; the same settings restart it on the same ports and storage.</summary>
internal sealed record QdrantNodeSettings(
    string WorkingDirectory,
    int HttpPort,
    int GrpcPort,
    string? ApiKey = null,
    int? P2pPort = null,
    int? BootstrapP2pPort = null)
{
    /// <summary>The gRPC endpoint: what the product is configured with (<c>Qdrant:Url</c>) and what its messages name.</summary>
    public string Url => $"http://127.0.0.1:{GrpcPort}";

    /// <summary>The REST endpoint, for readiness and for tests that look into Qdrant without the code under test.</summary>
    public string RestUrl => $"http://127.0.0.1:{HttpPort}";

    public static QdrantNodeSettings Fresh(string? apiKey = null, bool clustered = false, int? bootstrapP2pPort = null)
    {
        var ports = FreePorts.Take(clustered ? 3 : 2);
        var directory = Directory.CreateTempSubdirectory("qdrant-test-").FullName;
        return new QdrantNodeSettings(directory, ports[0], ports[1], apiKey, clustered ? ports[2] : null, bootstrapP2pPort);
    }

    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__HOST"] = "127.0.0.1",
            ["QDRANT__SERVICE__HTTP_PORT"] = HttpPort.ToString(),
            ["QDRANT__SERVICE__GRPC_PORT"] = GrpcPort.ToString(),
            ["QDRANT__STORAGE__STORAGE_PATH"] = System.IO.Path.Combine(WorkingDirectory, "storage"),
            ["QDRANT__STORAGE__SNAPSHOTS_PATH"] = System.IO.Path.Combine(WorkingDirectory, "snapshots"),
            ["QDRANT__TELEMETRY_DISABLED"] = "true",
            ["QDRANT__LOG_LEVEL"] = "WARN",
        };
        if (ApiKey is not null) environment["QDRANT__SERVICE__API_KEY"] = ApiKey;
        if (P2pPort is { } p2p)
        {
            environment["QDRANT__CLUSTER__ENABLED"] = "true";
            environment["QDRANT__CLUSTER__P2P__PORT"] = p2p.ToString();
        }
        return environment;
    }

    public IEnumerable<string> Arguments()
    {
        if (P2pPort is not { } p2p) yield break;
        yield return "--uri";
        yield return $"http://127.0.0.1:{p2p}";
        if (BootstrapP2pPort is { } bootstrap)
        {
            yield return "--bootstrap";
            yield return $"http://127.0.0.1:{bootstrap}";
        }
    }
}
