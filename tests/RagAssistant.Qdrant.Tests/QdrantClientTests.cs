using System.Net;
using System.Text.Json.Nodes;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Qdrant.Client;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Qdrant.Tests;

/// <summary>Round trips of the REST client against a real Qdrant 1.16.3.</summary>
public sealed class QdrantClientTests(QdrantServerFixture server) : IClassFixture<QdrantServerFixture>
{
    private static readonly Guid A0 = Guid.Parse("00000000-0000-5000-8000-00000000000a");
    private static readonly Guid A1 = Guid.Parse("00000000-0000-5000-8000-00000000000b");
    private static readonly Guid B0 = Guid.Parse("00000000-0000-5000-8000-00000000000c");

    [Fact]
    public async Task Creates_describes_and_deletes_a_collection_with_metadata()
    {
        await using var services = new QdrantServices(server.Url);
        var client = services.Client;
        var name = services.Collection;

        Assert.False(await client.CollectionExistsAsync(name));
        await CreateAsync(client, name);
        Assert.True(await client.CollectionExistsAsync(name));

        var info = await client.GetCollectionAsync(name);
        Assert.Equal("green", info.Status);
        Assert.Equal("m", info.Config.Metadata?["model"]?.GetValue<string>());
        Assert.Equal(3, info.Config.Params.Vectors?["dense"]?["size"]?.GetValue<int>());
        Assert.Equal("idf", info.Config.Params.SparseVectors?["bm25"].Modifier);

        var conflict = await Assert.ThrowsAsync<QdrantException>(() => CreateAsync(client, name));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        Assert.True(await client.DeleteCollectionAsync(name));
        Assert.False(await client.CollectionExistsAsync(name));
    }

    [Fact]
    public async Task Upserts_scrolls_counts_and_deletes_points_by_filter()
    {
        await using var services = new QdrantServices(server.Url);
        var (client, name) = (services.Client, services.Collection);
        await CreateAsync(client, name);
        await client.UpsertPointsAsync(name, Points());

        Assert.Equal(3, await client.CountAsync(name));
        Assert.Equal(2, await client.CountAsync(name, Filter.All(FieldCondition.Equal("ordinal", 0))));

        var page = await client.ScrollAsync(name, new ScrollRequest(Filter.All(FieldCondition.Equal("paper_id", "a")), 1, WithPayload: PayloadSelector.All, WithVector: true));
        Assert.Single(page.Points);
        Assert.NotNull(page.NextPageOffset);
        var all = await client.ScrollAllAsync(name, null, PayloadSelector.Fields("paper_id"), pageSize: 1).ToListAsync();
        Assert.Equal([A0, A1, B0], all.Select(p => p.Id).Order());
        Assert.All(all, p => Assert.Equal(["paper_id"], p.Payload!.Select(f => f.Key)));

        var a0 = page.Points[0];
        Assert.Equal(A0, a0.Id);
        Assert.Equal(3, a0.Vector!["dense"].Dense!.Value.Length);
        Assert.Equal([1u, 2u], a0.Vector["bm25"].Sparse!.Indices);

        await client.DeletePointsAsync(name, Filter.All(FieldCondition.Equal("paper_id", "a"), FieldCondition.Between("ordinal", new RangeValue(Gte: 1))));
        Assert.Equal(2, await client.CountAsync(name));
        await client.DeleteCollectionAsync(name);
    }

    [Fact]
    public async Task Queries_with_prefetch_rrf_fusion_groups_and_filters()
    {
        await using var services = new QdrantServices(server.Url);
        var (client, name) = (services.Client, services.Collection);
        await CreateAsync(client, name);
        await client.UpsertPointsAsync(name, Points());

        var dense = QueryExpression.NearestTo(VectorData.FromDense(new[] { 1f, 0f, 0f }));
        var sparse = QueryExpression.NearestTo(VectorData.FromSparse(new SparseVector([2u], [1f])));
        var fused = await client.QueryAsync(name, new QueryRequest
        {
            Prefetch = [new Prefetch(dense, "dense", 10), new Prefetch(sparse, "bm25", 10)],
            Query = QueryExpression.ReciprocalRankFusion(60),
            Limit = 10,
        });
        // Qdrant's RRF sums 1/(k + rank) over the rankings with 0-based ranks: A0 is first by dense and second by sparse.
        Assert.Equal(A0, fused[0].Id);
        Assert.Equal(1.0 / 60 + 1.0 / 61, fused[0].Score, 5);

        var groups = await client.QueryGroupsAsync(name, new GroupedQueryRequest(new QueryRequest { Query = dense, Using = "dense", Limit = 10 }, "paper_id"));
        Assert.Equal(["a", "b"], groups.Select(g => g.Id.GetValue<string>()));
        Assert.All(groups, g => Assert.Single(g.Hits));

        var august = await client.QueryAsync(name, new QueryRequest
        {
            Query = dense,
            Using = "dense",
            Filter = Filter.All(FieldCondition.Between("date", new RangeValue(Gte: "2024-08-01", Lte: "2024-08-31"))),
        });
        Assert.Equal([A0], august.Select(p => p.Id));
        await client.DeleteCollectionAsync(name);
    }

    [Fact]
    public async Task Qdrant_errors_carry_qdrants_own_message()
    {
        await using var services = new QdrantServices(server.Url);
        var (client, name) = (services.Client, services.Collection);

        var missing = await Assert.ThrowsAsync<QdrantException>(() => client.GetCollectionAsync(name));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains($"Collection `{name}` doesn't exist", missing.Message);

        await CreateAsync(client, name);
        var wrongSize = new PointStruct(A0, new Dictionary<string, VectorData> { ["dense"] = VectorData.FromDense(new[] { 1f, 0f }) }, []);
        var error = await Assert.ThrowsAsync<QdrantException>(() => client.UpsertPointsAsync(name, [wrongSize]));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("expected dim: 3, got 2", error.QdrantMessage);
        await client.DeleteCollectionAsync(name);
    }

    [Fact]
    public async Task Takes_snapshots_and_recovers_a_collection_from_one()
    {
        await using var services = new QdrantServices(server.Url);
        var (client, name) = (services.Client, services.Collection);
        await CreateAsync(client, name);
        await client.UpsertPointsAsync(name, Points());

        var snapshot = await client.CreateSnapshotAsync(name);
        Assert.Contains(await client.ListSnapshotsAsync(name), s => s.Name == snapshot.Name);
        using var file = new MemoryStream();
        await client.DownloadSnapshotAsync(name, snapshot.Name, file);
        Assert.Equal(snapshot.Size, file.Length);

        await client.DeletePointsAsync(name, Filter.All(FieldCondition.Equal("paper_id", "a")));
        Assert.Equal(1, await client.CountAsync(name));
        file.Position = 0;
        await client.RecoverFromSnapshotAsync(name, file, snapshot.Name);
        Assert.Equal(3, await client.CountAsync(name));

        Assert.True(await client.DeleteSnapshotAsync(name, snapshot.Name));
        await client.DeleteCollectionAsync(name);
    }

    [Fact]
    public async Task Sends_the_api_key_a_secured_server_requires()
    {
        await using var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh(apiKey: "test-key-not-secret"));
        try
        {
            await using var anonymous = new QdrantServices(node.Url);
            var refused = await Assert.ThrowsAsync<QdrantException>(() => anonymous.Client.CollectionExistsAsync("papers"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

            await using var keyed = new QdrantServices(node.Url, settings: new Dictionary<string, string?> { ["Qdrant:ApiKey"] = "test-key-not-secret" });
            Assert.False(await keyed.Client.CollectionExistsAsync("papers"));
        }
        finally
        {
            await node.StopAsync();
            node.DeleteFiles();
        }
    }

    private static Task CreateAsync(QdrantClient client, string name) => client.CreateCollectionAsync(name, new CollectionSpec(
        new Dictionary<string, DenseVectorParams> { ["dense"] = new(3) },
        new Dictionary<string, SparseVectorParams> { ["bm25"] = new("idf") },
        Metadata: new JsonObject { ["model"] = "m" }));

    private static PointStruct[] Points() =>
    [
        Point(A0, "a", 0, [1, 0, 0], new SparseVector([1, 2], [1f, 0.5f]), "2024-08-20"),
        Point(A1, "a", 1, [0.9f, 0.1f, 0], null, null),
        Point(B0, "b", 0, [0, 1, 0], new SparseVector([2, 3], [1f, 0.5f]), "2024-09-06"),
    ];

    private static PointStruct Point(Guid id, string paper, int ordinal, float[] dense, SparseVector? sparse, string? date)
    {
        var vectors = new Dictionary<string, VectorData> { ["dense"] = VectorData.FromDense(dense) };
        if (sparse is not null) vectors["bm25"] = VectorData.FromSparse(sparse);
        var payload = new JsonObject { ["paper_id"] = paper, ["ordinal"] = ordinal };
        if (date is not null) payload["date"] = date;
        return new PointStruct(id, vectors, payload);
    }
}
