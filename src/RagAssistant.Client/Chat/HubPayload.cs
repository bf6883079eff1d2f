using System.Text.Json;
using System.Text.Json.Nodes;
using RagAssistant.Client.Models;

namespace RagAssistant.Client.Chat;

/// <summary>
/// Reads a hub stream item into an <see cref="AnswerEvent"/> whether the server's hub writes snake_case (the documented
/// wire format) or SignalR's default camelCase: names are brought to snake_case before binding, which leaves
/// snake_case names as they are.
/// </summary>
internal static class HubPayload
{
    public static AnswerEvent? ToAnswerEvent(JsonElement item) =>
        JsonNode.Parse(item.GetRawText()) is { } node ? Normalize(node).Deserialize<AnswerEvent>(WireJson.Options) : null;

    private static JsonNode Normalize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var renamed = new JsonObject();
                foreach (var (name, value) in obj.ToList())
                {
                    obj.Remove(name);
                    renamed[JsonNamingPolicy.SnakeCaseLower.ConvertName(name)] = value is null ? null : Normalize(value);
                }
                return renamed;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                foreach (var value in items) array.Add(value is null ? null : Normalize(value));
                return array;
            default:
                return node;
        }
    }
}
