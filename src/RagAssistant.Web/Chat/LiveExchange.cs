using System.Text;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Web.Chat;

/// <summary>
/// One exchange as the chat page shows it: the events received so far, and how much of the received text has been
/// revealed. Revealing runs a little behind receiving so that text grows word by word however the writer delivers
/// it. Touched only from the page's render context, so it needs no locking.
/// </summary>
public sealed class LiveExchange
{
    private readonly StringBuilder _received = new();
    private readonly List<CitationEvent> _citations = [];
    private int _visibleLength;

    public LiveExchange(string question, AnswerKind? requestedKind, DateTimeOffset askedAt)
    {
        Question = question;
        Kind = requestedKind ?? AnswerKind.Answer;
        AskedAt = askedAt;
    }

    public string Question { get; }

    public DateTimeOffset AskedAt { get; }

    public AnswerKind Kind { get; private set; }

    public IReadOnlyList<AnswerSource> Sources { get; private set; } = [];

    public IReadOnlyList<CitationEvent> Citations => _citations;

    /// <summary>Null while the answer is still coming.</summary>
    public ExchangeOutcome? Outcome { get; private set; }

    public string? Error { get; private set; }

    public bool ServiceUnreachable { get; private set; }

    /// <summary>False when no indexed paper was relevant enough (the answer says so).</summary>
    public bool Covered { get; private set; } = true;

    public AnswerTimings? Timings { get; private set; }

    public string VisibleText => _received.ToString(0, _visibleLength);

    public bool FullyRevealed => _visibleLength == _received.Length;

    /// <summary>True until the answer has ended and all of it is shown: the Stop button's lifetime.</summary>
    public bool IsStreaming => Outcome is null || !FullyRevealed;

    public static LiveExchange FromTranscript(ChatExchange exchange)
    {
        var live = new LiveExchange(exchange.Question, exchange.Kind, exchange.AskedAt)
        {
            Sources = exchange.Sources,
            Outcome = exchange.Outcome,
            Error = exchange.Error,
        };
        live._received.Append(exchange.Answer);
        live._visibleLength = live._received.Length;
        live._citations.AddRange(exchange.Citations);
        return live;
    }

    /// <summary>Takes in one event of the answer stream.</summary>
    public void Apply(AnswerEvent answerEvent)
    {
        switch (answerEvent)
        {
            case SourcesEvent sources:
                Kind = sources.Kind;
                Sources = sources.Sources;
                break;
            case TextDeltaEvent delta:
                _received.Append(delta.Text);
                break;
            case CitationEvent citation:
                _citations.Add(citation);
                break;
            case DoneEvent done:
                Covered = done.Covered;
                Timings = done.Timings;
                Outcome = ExchangeOutcome.Answered;
                break;
            case ErrorEvent error:
                Error = error.Message;
                ServiceUnreachable = error.ServiceUnreachable;
                Outcome = ExchangeOutcome.Failed;
                break;
        }
    }

    /// <summary>Reveals at least <paramref name="minWords"/> more words, more when far behind; false when there was nothing to reveal.</summary>
    public bool Reveal(int minWords)
    {
        if (FullyRevealed) return false;
        var backlog = CountWords(_visibleLength);
        var words = Math.Max(Math.Max(1, minWords), (int)Math.Ceiling(backlog / 12.0));
        var position = _visibleLength;
        for (var i = 0; i < words && position < _received.Length; i++)
        {
            while (position < _received.Length && char.IsWhiteSpace(_received[position])) position++;
            while (position < _received.Length && !char.IsWhiteSpace(_received[position])) position++;
        }
        _visibleLength = position;
        return true;
    }

    public void RevealAll() => _visibleLength = _received.Length;

    /// <summary>The user stopped the answer: what is shown stays, the rest is dropped.</summary>
    public void Stop()
    {
        _received.Length = _visibleLength;
        if (Outcome is null or ExchangeOutcome.Answered) Outcome = ExchangeOutcome.Stopped;
    }

    /// <summary>The stream broke with an exception rather than an error event.</summary>
    public void Fail(string message)
    {
        Error = message;
        Outcome = ExchangeOutcome.Failed;
    }

    /// <summary>The citation events for the <paramref name="occurrence"/>-th (0-based) <c>[n]</c> in the text, in order of arrival.</summary>
    public CitationEvent? CitationFor(int n, int occurrence)
    {
        CitationEvent? last = null;
        var seen = 0;
        foreach (var citation in _citations)
        {
            if (citation.N != n) continue;
            if (seen++ == occurrence) return citation;
            last = citation;
        }
        // Only while streaming is a citation still to come; after that the nearest earlier check stands for it.
        return Outcome is null ? null : last;
    }

    public AnswerSource? Source(int n) => Sources.FirstOrDefault(source => source.N == n);

    private int CountWords(int from)
    {
        var words = 0;
        var inWord = false;
        for (var i = from; i < _received.Length; i++)
        {
            var letter = !char.IsWhiteSpace(_received[i]);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
