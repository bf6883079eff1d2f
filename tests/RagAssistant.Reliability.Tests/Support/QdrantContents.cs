using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>What a Qdrant collection holds, read straight from its REST API (not through the code under test).</summary>
internal static class QdrantContents
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Papers that are whole: each has exactly one ordinal-0 point, which carries its content hash.</summary>
    public static async Task<long> CountPapersAsync(string url, string collection)
    {
        try
        {
            using var response = await Http.PostAsJsonAsync($"{url}/collections/{collection}/points/count",
                new JsonObject { ["exact"] = true, ["filter"] = HeadsFilter() });
            if (!response.IsSuccessStatusCode) return 0; // the collection is not created yet
            var json = await response.Content.ReadFromJsonAsync<JsonObject>();
            return json!["result"]!["count"]!.GetValue<long>();
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>The paper id of every point (every chunk), heads marked.</summary>
    public static async Task<List<(string PaperId, bool Head)>> PointsAsync(string url, string collection)
    {
        var points = new List<(string, bool)>();
        JsonNode? offset = null;
        do
        {
            var request = new JsonObject { ["limit"] = 2000, ["with_payload"] = new JsonArray("paper_id", "ordinal"), ["with_vector"] = false };
            if (offset is not null) request["offset"] = offset.DeepClone();
            using var response = await Http.PostAsJsonAsync($"{url}/collections/{collection}/points/scroll", request);
            response.EnsureSuccessStatusCode();
            var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!["result"]!;
            foreach (var point in result["points"]!.AsArray())
            {
                points.Add((point!["payload"]!["paper_id"]!.GetValue<string>(), point["payload"]!["ordinal"]!.GetValue<int>() == 0));
            }
            offset = result["next_page_offset"];
        }
        while (offset is not null && offset.GetValueKind() != System.Text.Json.JsonValueKind.Null);
        return points;
    }

    private static JsonObject HeadsFilter() =>
        new() { ["must"] = new JsonArray(new JsonObject { ["key"] = "ordinal", ["match"] = new JsonObject { ["value"] = 0 } }) };
}
