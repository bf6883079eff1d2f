using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Client;

/// <summary>
/// Qdrant's REST API, the parts the product uses. Every call goes through the named, resilient
/// HttpClient; a server that stays unreachable becomes <see cref="StoreUnavailableException"/>, and
/// a request Qdrant refuses becomes <see cref="QdrantException"/> with Qdrant's message.
/// </summary>
public sealed class QdrantClient(IHttpClientFactory httpClientFactory, IOptions<QdrantOptions> options)
{
    public const string HttpClientName = "Qdrant";

    /// <summary>The server this client talks to, for messages.</summary>
    public string Url => options.Value.Url;

    // Collections

    public async Task<bool> CollectionExistsAsync(string collection, CancellationToken cancellationToken = default) =>
        (await SendAsync<ExistsResult>(HttpMethod.Get, $"collections/{Escape(collection)}/exists", null, cancellationToken)).Exists;

    /// <summary>Creates a collection; Qdrant answers 409 when it already exists.</summary>
    public Task CreateCollectionAsync(string collection, CollectionSpec spec, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Put, $"collections/{Escape(collection)}", spec, cancellationToken);

    public Task<CollectionInfo> GetCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<CollectionInfo>(HttpMethod.Get, $"collections/{Escape(collection)}", null, cancellationToken);

    /// <summary>Deletes a collection; true when it existed.</summary>
    public Task<bool> DeleteCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Delete, $"collections/{Escape(collection)}", null, cancellationToken);

    public Task CreatePayloadIndexAsync(string collection, PayloadIndexSpec index, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateResult>(HttpMethod.Put, $"collections/{Escape(collection)}/index?wait=true", index, cancellationToken);

    // Points

    /// <summary>Inserts or replaces points; with <paramref name="wait"/> the call returns once they are searchable.</summary>
    public Task UpsertPointsAsync(string collection, IReadOnlyList<PointStruct> points, bool wait = true, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateResult>(HttpMethod.Put, $"collections/{Escape(collection)}/points?wait={Flag(wait)}", new { points }, cancellationToken);

    public Task DeletePointsAsync(string collection, Filter filter, bool wait = true, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateResult>(HttpMethod.Post, $"collections/{Escape(collection)}/points/delete?wait={Flag(wait)}", new { filter }, cancellationToken);

    public async Task<long> CountAsync(string collection, Filter? filter = null, bool exact = true, CancellationToken cancellationToken = default) =>
        (await SendAsync<CountResult>(HttpMethod.Post, $"collections/{Escape(collection)}/points/count", new { filter, exact }, cancellationToken)).Count;

    public Task<ScrollPage> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ScrollPage>(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", request, cancellationToken);

    /// <summary>Every point matching <paramref name="filter"/>, page by page.</summary>
    public async IAsyncEnumerable<RetrievedPoint> ScrollAllAsync(
        string collection, Filter? filter, PayloadSelector withPayload, int pageSize = 1000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guid? offset = null;
        do
        {
            var page = await ScrollAsync(collection, new ScrollRequest(filter, pageSize, offset, withPayload), cancellationToken);
            foreach (var point in page.Points) yield return point;
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    public async Task<IReadOnlyList<ScoredPoint>> QueryAsync(string collection, QueryRequest request, CancellationToken cancellationToken = default) =>
        (await SendAsync<QueryResult>(HttpMethod.Post, $"collections/{Escape(collection)}/points/query", request, cancellationToken)).Points;

    public async Task<IReadOnlyList<PointGroup>> QueryGroupsAsync(string collection, GroupedQueryRequest request, CancellationToken cancellationToken = default)
    {
        // The grouped request is the plain query plus two fields, so it is built from the same record.
        var body = JsonSerializer.SerializeToNode(request.Query, QdrantJson.Options)!.AsObject();
        body["group_by"] = request.GroupBy;
        body["group_size"] = request.GroupSize;
        return (await SendAsync<GroupsResult>(HttpMethod.Post, $"collections/{Escape(collection)}/points/query/groups", body, cancellationToken)).Groups;
    }

    // Snapshots

    public Task<SnapshotDescription> CreateSnapshotAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<SnapshotDescription>(HttpMethod.Post, $"collections/{Escape(collection)}/snapshots?wait=true", null, cancellationToken);

    public Task<IReadOnlyList<SnapshotDescription>> ListSnapshotsAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<SnapshotDescription>>(HttpMethod.Get, $"collections/{Escape(collection)}/snapshots", null, cancellationToken);

    public Task<bool> DeleteSnapshotAsync(string collection, string snapshot, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Delete, $"collections/{Escape(collection)}/snapshots/{Escape(snapshot)}?wait=true", null, cancellationToken);

    /// <summary>Copies a snapshot file from the server into <paramref name="destination"/>.</summary>
    public async Task DownloadSnapshotAsync(string collection, string snapshot, Stream destination, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"collections/{Escape(collection)}/snapshots/{Escape(snapshot)}", null, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>Restores (or creates) a collection from an uploaded snapshot file; the snapshot's data wins over local data.</summary>
    public async Task RecoverFromSnapshotAsync(string collection, Stream snapshot, string fileName, CancellationToken cancellationToken = default)
    {
        // Buffered so that a retry can send the same bytes again.
        using var buffer = new MemoryStream();
        await snapshot.CopyToAsync(buffer, cancellationToken);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(buffer.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "snapshot", fileName);
        using var response = await SendRawAsync(HttpMethod.Post, $"collections/{Escape(collection)}/snapshots/upload?wait=true&priority=snapshot", form, cancellationToken);
    }

    // Cluster

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClusterStatus>(HttpMethod.Get, "cluster", null, cancellationToken);

    public Task<CollectionClusterInfo> GetCollectionClusterAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<CollectionClusterInfo>(HttpMethod.Get, $"collections/{Escape(collection)}/cluster", null, cancellationToken);

    // Transport

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        // Serialized up front so that every retry sends the same bytes.
        using var content = body is null ? null : new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), QdrantJson.Options))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };
        using var response = await SendRawAsync(method, path, content, cancellationToken);
        var envelope = await response.Content.ReadFromJsonAsync<QdrantResponse<T>>(QdrantJson.Options, cancellationToken)
            ?? throw new QdrantException(response.StatusCode, Describe(method, path), "empty response");
        return envelope.Result;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw Unavailable(e.Message, e);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var message = await ReadErrorAsync(response, cancellationToken);
            // Gateway-type answers mean the server (or a cluster behind it) is not there, not that the request was wrong.
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                throw Unavailable($"{(int)response.StatusCode} {message}", null);
            }
            throw new QdrantException(response.StatusCode, Describe(method, path), message);
        }
    }

    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private StoreUnavailableException Unavailable(string reason, Exception? inner) =>
        new($"Qdrant at {Url} cannot be reached after {options.Value.MaxRetries} retries ({reason}). " +
            "Start it (scripts/qdrant.sh, or docker compose up qdrant) or point Qdrant__Url at a running server.", inner);

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize<QdrantErrorResponse>(text, QdrantJson.Options)?.Status?.Error is { } error) return error;
        }
        catch (JsonException)
        {
            // Not Qdrant's envelope (a proxy's page, or an empty 401): fall through to the raw text.
        }
        return string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "no message" : text.Trim();
    }

    private static string Describe(HttpMethod method, string path) => $"{method} /{path.Split('?')[0]}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Flag(bool value) => value ? "true" : "false";

    private sealed record ExistsResult(bool Exists);

    private sealed record CountResult(long Count);

    private sealed record UpdateResult(long? OperationId, string Status);

    private sealed record QueryResult(IReadOnlyList<ScoredPoint> Points);

    private sealed record GroupsResult(IReadOnlyList<PointGroup> Groups);
}
