using System.Text;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Core.Conversations;

/// <summary>Folds the events of one answer into the <see cref="ChatExchange"/> kept in the transcript.</summary>
public sealed class ExchangeRecorder(string question, DateTimeOffset askedAt)
{
    private readonly StringBuilder _answer = new();
    private readonly List<CitationEvent> _citations = [];
    private SourcesEvent? _sources;
    private ErrorEvent? _error;
    private bool _done;

    public void Add(AnswerEvent answerEvent)
    {
        switch (answerEvent)
        {
            case SourcesEvent sources: _sources = sources; break;
            case TextDeltaEvent delta: _answer.Append(delta.Text); break;
            case CitationEvent citation: _citations.Add(citation); break;
            case DoneEvent: _done = true; break;
            case ErrorEvent error: _error = error; break;
        }
    }

    /// <summary>The answer stream broke off with an exception rather than an error event.</summary>
    public void Fail(string message) => _error = new ErrorEvent(message);

    /// <summary>The exchange so far; an answer that neither finished nor failed was stopped.</summary>
    public ChatExchange ToExchange() => new(
        question,
        _sources?.Kind ?? AnswerKind.Answer,
        _answer.ToString(),
        _sources?.Sources ?? [],
        [.. _citations],
        _error is not null ? ExchangeOutcome.Failed : _done ? ExchangeOutcome.Answered : ExchangeOutcome.Stopped,
        _error?.Message,
        askedAt);
}
