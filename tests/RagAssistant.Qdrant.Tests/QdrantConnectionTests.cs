using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Qdrant.Tests;

/// <summary>The gRPC connection through the official Qdrant.Client against the real Qdrant 1.16.3 binary.</summary>
public sealed class QdrantConnectionTests(QdrantServerFixture server) : IClassFixture<QdrantServerFixture>
{
    [Fact]
    public async Task A_client_newer_than_the_server_works_and_logs_nothing_above_debug()
    {
        var logs = new RecordedLogs();
        await using var services = new QdrantServices(server.Url, logs: logs);

        await services.Index.OpenAsync(SamplePapers.Signature);
        await services.Index.UpsertAsync(SamplePapers.Topics);
        for (var i = 0; i < 20; i++) await services.Index.RankAsync(SamplePapers.Query("mixture of experts", topic: 5));

        var version = (await services.Client.HealthAsync()).Version;
        Assert.StartsWith("1.16.", version); // Qdrant.Client 1.20 against the 1.16 server this repository pins
        var loud = logs.Records.Where(r => r.Level > LogLevel.Information).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud));
        Assert.Single(logs.Records, r => r.Level == LogLevel.Information); // "Created Qdrant collection …", once
    }

    [Fact]
    public async Task Sends_the_api_key_a_secured_server_requires_and_reports_a_refused_key_with_the_url()
    {
        await using var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh(apiKey: "test-key-not-secret"));
        try
        {
            await using var anonymous = new QdrantServices(node.Url);
            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => anonymous.Index.OpenAsync(SamplePapers.Signature));
            Assert.Contains(node.Url, refused.Message);
            Assert.Contains("Qdrant__ApiKey", refused.Message);
            Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
            Assert.Equal("the key was refused (Unauthenticated)", await anonymous.Connection.ProbeAsync(TimeSpan.FromSeconds(2), default));

            await using var keyed = new QdrantServices(node.Url, settings: new Dictionary<string, string?> { ["Qdrant:ApiKey"] = "test-key-not-secret" });
            await keyed.Index.OpenAsync(SamplePapers.Signature);
            Assert.Equal(0, await keyed.Index.CountPapersAsync());
            Assert.Null(await keyed.Connection.ProbeAsync(TimeSpan.FromSeconds(2), default));
        }
        finally
        {
            await node.StopAsync();
            node.DeleteFiles();
        }
    }

    [Fact]
    public async Task A_snapshot_taken_through_the_client_restores_papers_and_signature()
    {
        await using var services = new QdrantServices(server.Url);
        await services.Index.OpenAsync(SamplePapers.Signature);
        await services.Index.UpsertAsync(SamplePapers.Topics);

        var snapshot = await services.Client.CreateSnapshotAsync(services.Collection);
        Assert.Contains(await services.Client.ListSnapshotsAsync(services.Collection), s => s.Name == snapshot.Name);

        // Recovery is REST-only in Qdrant (Qdrant.Client has no call for it): an operator runs it with curl, as here.
        var restored = $"restored-{Guid.NewGuid():N}";
        var file = Path.Combine(server.Node.Settings.WorkingDirectory, "snapshots", services.Collection, snapshot.Name);
        using (var http = new HttpClient())
        {
            using var response = await http.PutAsJsonAsync($"{server.Node.RestUrl}/collections/{restored}/snapshots/recover?wait=true",
                new JsonObject { ["location"] = new Uri(file).AbsoluteUri });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await using var fromSnapshot = new QdrantServices(server.Url, restored);
        await fromSnapshot.Index.OpenAsync(SamplePapers.Signature); // the signature travelled in the collection's metadata
        Assert.Equal(SamplePapers.Topics.Count, await fromSnapshot.Index.CountPapersAsync());
        var query = SamplePapers.Query("video diffusion", topic: 1);
        var (original, copy) = (await services.Index.RankAsync(query), await fromSnapshot.Index.RankAsync(query));
        Assert.Equal(original.Dense, copy.Dense);
        Assert.Equal(original.Sparse, copy.Sparse);
        await using var otherModel = new QdrantServices(server.Url, restored);
        await Assert.ThrowsAsync<IndexMismatchException>(() => otherModel.Index.OpenAsync(new EmbeddingSignature("local", "other", 8)));

        await services.Client.DeleteSnapshotAsync(services.Collection, snapshot.Name);
        Assert.DoesNotContain(await services.Client.ListSnapshotsAsync(services.Collection), s => s.Name == snapshot.Name);
    }
}
