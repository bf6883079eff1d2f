using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// One answer while it is written, whatever the plan: its numbered sources so far (the agent's tools add to them as they
/// find papers), the text that passed the <see cref="CitationStream"/> (citations of numbers the answer does not have,
/// and titles or quotations none of its papers has, are removed and counted), and the <see cref="CitationChecker"/>'s
/// verdict on every cited sentence.
/// </summary>
internal sealed class AnswerDraft
{
    private readonly IReadOnlyList<AnswerSource> _sources;
    private readonly Stopwatch _clock;
    private readonly CitationStream _stream;
    private readonly CitationChecker _checker;
    private readonly StringBuilder _answer = new();
    private readonly HashSet<int> _cited = [];
    private int _unsupported;
    private int _sourcesShown = -1;
    private double? _firstTextMs;
    private double? _sourcesKnownMs;

    /// <param name="sources">The answer's sources, numbered; a live list when tools are still finding papers.</param>
    public AnswerDraft(IReadOnlyList<AnswerSource> sources, string question, Stopwatch clock, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        (_sources, _clock) = (sources, clock);
        _stream = new CitationStream(sources, question);
        _checker = new CitationChecker(sources, embedder);
    }

    public string Text => _answer.ToString();

    /// <summary>The papers the text cites, in number order.</summary>
    public IReadOnlyList<string> CitedPaperIds => [.. _sources.Where(source => _cited.Contains(source.N)).Select(source => source.PaperId)];

    /// <summary>
    /// A <see cref="SourcesEvent"/> with every source so far, when there is news: the first call always, later calls
    /// only when more sources were found. Each one repeats the earlier sources with their numbers, so a client that keeps the
    /// latest has them all.
    /// </summary>
    public SourcesEvent? SourcesUpdate(string query, AnswerKind kind, IReadOnlyList<NearestPaper>? nearest = null, int? undatedLeftOut = null)
    {
        if (_sources.Count == _sourcesShown) return null;
        _sourcesShown = _sources.Count;
        _sourcesKnownMs = _clock.Elapsed.TotalMilliseconds;
        return new SourcesEvent(query, kind, [.. _sources], nearest, undatedLeftOut);
    }

    public Task<List<AnswerEvent>> PushAsync(string fragment, CancellationToken cancellationToken) =>
        ReleaseAsync(_stream.Push(fragment), cancellationToken);

    public Task<List<AnswerEvent>> CompleteAsync(CancellationToken cancellationToken) =>
        ReleaseAsync(_stream.Complete(), cancellationToken);

    public DoneEvent Done(bool covered)
    {
        var total = _clock.Elapsed.TotalMilliseconds;
        return new DoneEvent(Text, covered, _stream.Removed, _unsupported, new AnswerTimings(_sourcesKnownMs ?? total, _firstTextMs, total));
    }

    private async Task<List<AnswerEvent>> ReleaseAsync(StreamStep step, CancellationToken cancellationToken)
    {
        var events = new List<AnswerEvent>();
        if (step.Text.Length > 0)
        {
            _firstTextMs ??= _clock.Elapsed.TotalMilliseconds;
            _answer.Append(step.Text);
            events.Add(new TextDeltaEvent(step.Text));
        }
        foreach (var sentence in step.Sentences)
        {
            foreach (var citation in await _checker.CheckAsync(sentence, cancellationToken))
            {
                _cited.Add(citation.N);
                if (!citation.Verified) _unsupported++;
                events.Add(citation);
            }
        }
        return events;
    }
}
