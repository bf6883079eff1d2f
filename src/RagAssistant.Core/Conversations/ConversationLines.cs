using System.Text.Json;
using System.Text.Json.Serialization;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// The one format a conversation is kept in, by every store: one JSON object per line. The first line names the
/// conversation and its owner; then each exchange (with the history turn it produced), each question pending while its
/// answer is written, and each pending question withdrawn unanswered. Lines are only ever added, never rewritten.
/// </summary>
public static class ConversationLines
{
    // The wire's field names, and enums by name, so a kept line reads like the API's JSON.
    private static readonly JsonSerializerOptions Json = new(WireJson.Options)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Header(ChatTranscript transcript) => Header(transcript.Id, transcript.Title, transcript.Created, transcript.Owner);

    public static string Header(string id, string title, DateTimeOffset created, ConversationOwner owner) =>
        JsonSerializer.Serialize(new ConversationHeader(id, title, created, owner.Key), Json);

    public static string Exchange(ChatExchange exchange, ConversationTurn? turn) => JsonSerializer.Serialize(new ConversationLine(exchange, turn), Json);

    public static string Pending(PendingQuestion question) => JsonSerializer.Serialize(new ConversationLine(Pending: question), Json);

    public static string Withdrawn(PendingQuestion question) => JsonSerializer.Serialize(new ConversationLine(Withdrawn: question), Json);

    /// <summary>The first line; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static ConversationHeader? ReadHeader(string line) => JsonSerializer.Deserialize<ConversationHeader>(line, Json);

    /// <summary>Any later line; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static ConversationLine? ReadLine(string line) => JsonSerializer.Deserialize<ConversationLine>(line, Json);
}

/// <summary>A conversation's first line. <paramref name="SessionId"/> is how files kept before owners named the browser session.</summary>
public sealed record ConversationHeader(
    string Id, string Title, DateTimeOffset Created, string? Owner = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId = null)
{
    public ConversationOwner OwnerOf() =>
        Owner is { Length: > 0 } key ? ConversationOwner.FromKey(key)
        : SessionId is { Length: > 0 } session ? ConversationOwner.Session(session)
        : ConversationOwner.Local;
}

/// <summary>One line after the first: an exchange (with its turn), or a question that became or stopped being pending.</summary>
public sealed record ConversationLine(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatExchange? Exchange = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConversationTurn? Turn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PendingQuestion? Pending = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PendingQuestion? Withdrawn = null);
