using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// A conversation as an <see cref="IConversationStore"/> keeps it: what the page shows (<see cref="Exchanges"/>, with their
/// sources and checked citations) and what the orchestrator condenses follow-ups against (<see cref="Turns"/>).
/// <see cref="Owner"/> is whose it is: nobody else finds it (<see cref="ConversationOwner"/>).
/// Only the latest exchanges are read (<see cref="ConversationOptions.ExchangesInMemory"/>); all stay kept.
/// </summary>
public sealed record ChatTranscript(
    string Id,
    ConversationOwner Owner,
    string Title,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<ChatExchange> Exchanges,
    IReadOnlyList<ConversationTurn> Turns)
{
    public const int MaxTitleLength = 80;

    public static ChatTranscript Start(string id, ConversationOwner owner, string firstQuestion, DateTimeOffset now) =>
        new(id, owner, TitleFrom(firstQuestion), now, now, [], []);

    /// <summary>What a follow-up is condensed against: the latest <paramref name="maxTurns"/> turns.</summary>
    public IReadOnlyList<ConversationTurn> RecentTurns(int maxTurns) => [.. Turns.TakeLast(Math.Max(1, maxTurns))];

    /// <summary>A conversation's title: its first question on one line, shortened to <see cref="MaxTitleLength"/>.</summary>
    public static string TitleFrom(string question)
    {
        var title = string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (title.Length <= MaxTitleLength) return title;
        // Never between the halves of a surrogate pair: half of one cannot be written as JSON or shown.
        var cut = MaxTitleLength - 1;
        if (char.IsHighSurrogate(title[cut - 1])) cut--;
        return title[..cut].TrimEnd() + "…";
    }
}

/// <summary>One question and what came back, as far as it came: a stopped or failed answer keeps its partial text.</summary>
public sealed record ChatExchange(
    string Question,
    AnswerKind Kind,
    string Answer,
    IReadOnlyList<AnswerSource> Sources,
    IReadOnlyList<CitationEvent> Citations,
    ExchangeOutcome Outcome,
    string? Error,
    DateTimeOffset AskedAt)
{
    /// <summary>The exchange as far as the answer got; an answer that neither finished nor failed was stopped.</summary>
    public static ChatExchange From(string question, DateTimeOffset askedAt, AnswerAccumulator answer) => new(
        question,
        answer.SourcesEvent?.Kind ?? AnswerKind.Answer,
        answer.Text,
        answer.Sources,
        [.. answer.Citations],
        answer.Error is not null ? ExchangeOutcome.Failed : answer.Done is not null ? ExchangeOutcome.Answered : ExchangeOutcome.Stopped,
        answer.Error?.Message,
        askedAt);

    /// <summary>What the page and the API say of a question whose answer never came back.</summary>
    public const string InterruptedNotice = "This answer was interrupted: the server answering it stopped. Ask again.";

    /// <summary>A question that was still pending when the process answering it stopped.</summary>
    public static ChatExchange Interrupted(PendingQuestion question) => new(
        question.Question, question.Kind ?? AnswerKind.Answer, "", [], [], ExchangeOutcome.Interrupted, InterruptedNotice, question.AskedAt);
}

public enum ExchangeOutcome
{
    Answered,
    Stopped,
    Failed,

    /// <summary>The process answering it stopped (a node died, a restart) before the answer ended.</summary>
    Interrupted,
}
