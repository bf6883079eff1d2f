using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Chat;

/// <summary>
/// One exchange as the chat page shows it: the events received so far, and how much of the received text has been
/// revealed. Revealing runs a little behind receiving so that text grows word by word however the writer delivers
/// it. Touched only from the page's render context, so it needs no locking.
/// </summary>
public sealed class LiveExchange
{
    private readonly AnswerAccumulator _received = new();
    private readonly AnswerKind _requestedKind;
    private IReadOnlyList<AnswerSource>? _keptSources;
    private ExchangeOutcome? _keptOutcome;
    private string? _failure;
    private int _visibleLength;

    public LiveExchange(string question, AnswerKind? requestedKind, DateTimeOffset askedAt)
    {
        Question = question;
        _requestedKind = requestedKind ?? AnswerKind.Answer;
        AskedAt = askedAt;
    }

    public string Question { get; }

    public DateTimeOffset AskedAt { get; }

    public AnswerKind Kind => _received.SourcesEvent?.Kind ?? _requestedKind;

    public IReadOnlyList<AnswerSource> Sources => _keptSources ?? _received.Sources;

    public IReadOnlyList<CitationEvent> Citations => _received.Citations;

    /// <summary>The sources the answer cited, in source order: what its BibTeX holds.</summary>
    public IReadOnlyList<AnswerSource> CitedSources => [.. Sources.Where(source => Citations.Any(citation => citation.N == source.N))];

    /// <summary>Null while the answer is still coming.</summary>
    public ExchangeOutcome? Outcome =>
        _keptOutcome ?? (_received.Error is not null ? ExchangeOutcome.Failed : _received.Done is not null ? ExchangeOutcome.Answered : null);

    public string? Error => _failure ?? _received.Error?.Message;

    public bool ServiceUnreachable => _received.Error?.ServiceUnreachable ?? false;

    /// <summary>False when no indexed paper was relevant enough (the answer says so).</summary>
    public bool Covered => _received.Done?.Covered ?? true;

    public AnswerTimings? Timings => _received.Done?.Timings;

    public string VisibleText => _received.TextPrefix(_visibleLength);

    public bool FullyRevealed => _visibleLength == _received.TextLength;

    /// <summary>True until the answer has ended and all of it is shown: the Stop button's lifetime.</summary>
    public bool IsStreaming => Outcome is null || !FullyRevealed;

    public static LiveExchange FromTranscript(ChatExchange exchange)
    {
        var live = new LiveExchange(exchange.Question, exchange.Kind, exchange.AskedAt)
        {
            _keptSources = exchange.Sources,
            _keptOutcome = exchange.Outcome,
            _failure = exchange.Error,
        };
        live._received.Add(new TextDeltaEvent(exchange.Answer));
        foreach (var citation in exchange.Citations) live._received.Add(citation);
        live._visibleLength = live._received.TextLength;
        return live;
    }

    /// <summary>Takes in one event of the answer stream.</summary>
    public void Apply(AnswerEvent answerEvent) => _received.Add(answerEvent);

    /// <summary>Reveals at least <paramref name="minWords"/> more words, more when far behind; false when there was nothing to reveal.</summary>
    public bool Reveal(int minWords)
    {
        if (FullyRevealed) return false;
        var backlog = CountWords(_visibleLength);
        var words = Math.Max(Math.Max(1, minWords), (int)Math.Ceiling(backlog / 12.0));
        var position = _visibleLength;
        for (var i = 0; i < words && position < _received.TextLength; i++)
        {
            while (position < _received.TextLength && char.IsWhiteSpace(_received[position])) position++;
            while (position < _received.TextLength && !char.IsWhiteSpace(_received[position])) position++;
        }
        _visibleLength = position;
        return true;
    }

    public void RevealAll() => _visibleLength = _received.TextLength;

    /// <summary>The user stopped the answer: what is shown stays, the rest is dropped.</summary>
    public void Stop()
    {
        _received.TruncateText(_visibleLength);
        if (Outcome is null or ExchangeOutcome.Answered) _keptOutcome = ExchangeOutcome.Stopped;
    }

    /// <summary>The stream broke with an exception rather than an error event.</summary>
    public void Fail(string message)
    {
        _received.Fail(message);
    }

    /// <summary>The citation events for the <paramref name="occurrence"/>-th (0-based) <c>[n]</c> in the text, in order of arrival.</summary>
    public CitationEvent? CitationFor(int n, int occurrence)
    {
        CitationEvent? last = null;
        var seen = 0;
        foreach (var citation in _received.Citations)
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
        for (var i = from; i < _received.TextLength; i++)
        {
            var letter = !char.IsWhiteSpace(_received[i]);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
