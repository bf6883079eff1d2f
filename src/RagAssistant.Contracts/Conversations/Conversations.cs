using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>The caller's conversations (<c>GET /api/conversations</c>), most recent first.</summary>
/// <param name="Conversations">One entry per conversation.</param>
public sealed record ConversationList(
    [property: JsonPropertyName("conversations")] IReadOnlyList<ConversationListItem> Conversations);

/// <summary>A conversation as listed.</summary>
/// <param name="ConversationId">Its id, to read it or to ask a follow-up in it.</param>
/// <param name="Title">Its first question, shortened.</param>
/// <param name="Updated">When it was last asked in.</param>
/// <param name="Questions">How many questions were asked in it.</param>
public sealed record ConversationListItem(
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated,
    [property: JsonPropertyName("questions")] int Questions);

/// <summary>
/// One of the caller's conversations with its latest turns (up to <c>Conversations:ExchangesInMemory</c>), oldest first
/// (<c>GET /api/conversations/{id}</c>).
/// </summary>
/// <param name="ConversationId">Its id.</param>
/// <param name="Title">Its first question, shortened.</param>
/// <param name="Created">When it was started.</param>
/// <param name="Updated">When it was last asked in.</param>
/// <param name="Turns">Its questions and what came back.</param>
public sealed record ConversationDetails(
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated,
    [property: JsonPropertyName("turns")] IReadOnlyList<ConversationTurnItem> Turns);

/// <summary>One question of a conversation and its answer.</summary>
/// <param name="Question">What was asked.</param>
/// <param name="Answer">The answer text with <c>[n]</c> markers (as far as it came, when stopped or failed).</param>
/// <param name="Citations">The papers the answer cites.</param>
/// <param name="Kind">An answer or a literature summary.</param>
/// <param name="Outcome">
/// <c>answered</c>, <c>stopped</c> or <c>failed</c> (only the web page keeps the last two), or <c>interrupted</c>: the
/// server answering it stopped before the answer ended.
/// </param>
/// <param name="AskedAt">When it was asked.</param>
public sealed record ConversationTurnItem(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<AnswerCitation> Citations,
    [property: JsonPropertyName("kind")] AnswerKind Kind,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("asked_at")] DateTimeOffset AskedAt);
