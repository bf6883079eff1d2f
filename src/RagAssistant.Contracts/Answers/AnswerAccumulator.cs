using System.Globalization;
using System.Text;

namespace RagAssistant.Contracts;

/// <summary>
/// The one fold of an answer's event stream: what has arrived so far — the sources, the text, the citations, and how
/// it ended. The chat page, conversation records, REST, MCP, the CLI, the evaluation and the .NET client all read an
/// answer through this, so "what an answer cited" means the same everywhere. Not thread-safe: one reader per stream.
/// </summary>
public sealed class AnswerAccumulator
{
    private readonly StringBuilder _text = new();
    private readonly List<CitationEvent> _citations = [];

    /// <summary>The sources event, once it has arrived.</summary>
    public SourcesEvent? SourcesEvent { get; private set; }

    /// <summary>The numbered papers the answer may cite (empty until the sources arrive, or when nothing was covered).</summary>
    public IReadOnlyList<AnswerSource> Sources => SourcesEvent?.Sources ?? [];

    /// <summary>The closest papers when no paper covered the question; never cited.</summary>
    public IReadOnlyList<NearestPaper> NearestPapers => SourcesEvent?.NearestPapers ?? [];

    /// <summary>The text received so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Characters of text received so far.</summary>
    public int TextLength => _text.Length;

    /// <summary>The citation events received so far, in order of arrival.</summary>
    public IReadOnlyList<CitationEvent> Citations => _citations;

    /// <summary>Set when the answer finished.</summary>
    public DoneEvent? Done { get; private set; }

    /// <summary>Set when the answer failed (an error event, or <see cref="Fail"/>).</summary>
    public ErrorEvent? Error { get; private set; }

    /// <summary>True once the answer finished or failed: nothing more will arrive.</summary>
    public bool IsFinished => Done is not null || Error is not null;

    /// <summary>Takes in the next event of the stream and returns it, so a reader can fold and forward in one step.</summary>
    public AnswerEvent Add(AnswerEvent answerEvent)
    {
        switch (answerEvent)
        {
            case SourcesEvent sources: SourcesEvent = sources; break;
            case TextDeltaEvent delta: _text.Append(delta.Text); break;
            case CitationEvent citation: _citations.Add(citation); break;
            case DoneEvent done: Done = done; break;
            case ErrorEvent error: Error = error; break;
        }
        return answerEvent;
    }

    /// <summary>The stream broke off with an exception rather than an error event.</summary>
    public void Fail(string message) => Error = new ErrorEvent(message);

    /// <summary>Keeps only the first <paramref name="length"/> characters of text: what a user saw before stopping the answer.</summary>
    public void TruncateText(int length) => _text.Length = Math.Clamp(length, 0, _text.Length);

    /// <summary>The <paramref name="index"/>-th character of the text received so far.</summary>
    public char this[int index] => _text[index];

    /// <summary>The first <paramref name="length"/> characters of the text received so far.</summary>
    public string TextPrefix(int length) => _text.ToString(0, length);

    /// <summary>The distinct papers cited, in order of first citation.</summary>
    public IReadOnlyList<string> CitedPaperIds => [.. _citations.Select(citation => citation.PaperId).Distinct()];

    /// <summary>The paper that is source [1], when [1] was cited; null otherwise.</summary>
    public string? FirstCitedPaperId =>
        _citations.Any(citation => citation.N == 1) ? Sources.FirstOrDefault(source => source.N == 1)?.PaperId : null;

    /// <summary>The sources cited so far, in source order, each verified only if all its citations were, with their weakest verdict.</summary>
    public IReadOnlyList<AnswerCitation> CitedPapers => CitedPapersOf(Sources, _citations);

    /// <summary>
    /// The sources these citations cite, in source order, each verified only if all its citations were, with their
    /// weakest verdict and the pages cited: the fold of a live answer, and of one kept in a conversation.
    /// </summary>
    public static IReadOnlyList<AnswerCitation> CitedPapersOf(IReadOnlyList<AnswerSource> sources, IReadOnlyList<CitationEvent> citations) =>
    [
        .. sources
            .Where(source => citations.Any(citation => citation.N == source.N))
            .Select(source =>
            {
                var its = citations.Where(citation => citation.N == source.N).ToList();
                var pages = its.Where(citation => citation.Page is not null).Select(citation => citation.Page!.Value).Distinct().Order().ToList();
                return new AnswerCitation(source.N, source.PaperId, source.Title, its.All(citation => citation.Verified), WeakestVerdict(its),
                    pages.Count > 0 ? pages : null);
            }),
    ];

    /// <summary>The sources cited so far, in source order.</summary>
    public IReadOnlyList<AnswerSource> CitedSources => [.. Sources.Where(source => _citations.Any(citation => citation.N == source.N))];

    /// <summary>The cited papers as BibTeX entries; null when nothing was cited.</summary>
    public string? Bibtex => CitedSources is { Count: > 0 } cited ? BibTex.Format(cited) : null;

    /// <summary>The cited-answer object of a finished answer; throws when the answer has not finished.</summary>
    public AnswerResponse ToResponse()
    {
        var done = Done ?? throw new InvalidOperationException("The answer has not finished: no done event arrived.");
        var cited = CitedPapers;
        var listed = Sources
            .Select(source => new AnswerSourceItem(
                source.N, source.PaperId, source.Title, source.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                source.AuthorCount, source.Url, Math.Round(source.Relevance, 4), source.Passages))
            .ToList();
        var timings = new AnswerTimingsMs(
            Math.Round(done.Timings.RetrievalMs, 1),
            done.Timings.FirstTextMs is { } first ? Math.Round(first, 1) : null,
            Math.Round(done.Timings.TotalMs, 1));
        return new AnswerResponse(done.Answer, cited, listed, SourcesEvent?.Kind ?? AnswerKind.Answer, SourcesEvent?.Query ?? "",
            done.Covered, done.RemovedCitations, done.UnsupportedCitations, NearestPapers, timings, Bibtex: Bibtex);
    }

    /// <summary>Reads a whole stream; the result has either <see cref="Done"/> or <see cref="Error"/> set when the stream was well formed.</summary>
    public static async Task<AnswerAccumulator> ReadAsync(IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken = default)
    {
        var answer = new AnswerAccumulator();
        await foreach (var answerEvent in events.WithCancellation(cancellationToken))
        {
            answer.Add(answerEvent);
            if (answer.IsFinished) break;
        }
        return answer;
    }

    private static string WeakestVerdict(IEnumerable<CitationEvent> citations) =>
        citations.Select(citation => citation.Verdict)
            .MinBy(verdict => verdict switch { CitationVerdicts.Unsupported => 0, CitationVerdicts.Similar => 1, _ => 2 })
        ?? CitationVerdicts.Quoted;
}
