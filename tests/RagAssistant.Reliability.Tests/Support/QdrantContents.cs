using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>What a Qdrant collection holds, read straight from its REST API (not through the code under test, which speaks gRPC).</summary>
internal static class QdrantContents
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Papers stored: a paper is one point, written whole.</summary>
    public static async Task<long> CountPapersAsync(string restUrl, string collection)
    {
        try
        {
            using var response = await Http.PostAsJsonAsync($"{restUrl}/collections/{collection}/points/count", new JsonObject { ["exact"] = true });
            if (!response.IsSuccessStatusCode) return 0; // the collection is not created yet
            var json = await response.Content.ReadFromJsonAsync<JsonObject>();
            return json!["result"]!["count"]!.GetValue<long>();
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>Every point's paper id, and whether it carries the content hash that marks a finished write.</summary>
    public static async Task<List<(string PaperId, bool HasHash)>> PointsAsync(string restUrl, string collection)
    {
        var points = new List<(string, bool)>();
        JsonNode? offset = null;
        do
        {
            var request = new JsonObject { ["limit"] = 2000, ["with_payload"] = new JsonArray("paper_id", "content_hash"), ["with_vector"] = false };
            if (offset is not null) request["offset"] = offset.DeepClone();
            using var response = await Http.PostAsJsonAsync($"{restUrl}/collections/{collection}/points/scroll", request);
            response.EnsureSuccessStatusCode();
            var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!["result"]!;
            foreach (var point in result["points"]!.AsArray())
            {
                var payload = point!["payload"]!;
                points.Add((payload["paper_id"]!.GetValue<string>(), payload["content_hash"] is not null));
            }
            offset = result["next_page_offset"];
        }
        while (offset is not null && offset.GetValueKind() != System.Text.Json.JsonValueKind.Null);
        return points;
    }
}
