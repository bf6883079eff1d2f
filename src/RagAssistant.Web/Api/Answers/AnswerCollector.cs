using System.Globalization;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Web.Api.Answers;

/// <summary>Either the whole answer or the error that ended it.</summary>
public sealed record CollectedAnswer(AnswerResponse? Answer, ErrorEvent? Error);

/// <summary>
/// Reads an answer's event stream to its end and gathers it into one <see cref="AnswerResponse"/>, for the
/// surfaces that return a whole answer (REST <c>POST /api/ask</c>, the MCP <c>ask</c> tools).
/// </summary>
public static class AnswerCollector
{
    public static async Task<CollectedAnswer> CollectAsync(IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken)
    {
        SourcesEvent? found = null;
        var citations = new List<CitationEvent>();
        await foreach (var answerEvent in events.WithCancellation(cancellationToken))
        {
            switch (answerEvent)
            {
                case SourcesEvent sources:
                    found = sources;
                    break;
                case CitationEvent citation:
                    citations.Add(citation);
                    break;
                case ErrorEvent error:
                    return new CollectedAnswer(null, error);
                case DoneEvent done:
                    return new CollectedAnswer(Response(done, found, citations), null);
            }
        }
        // The orchestrator always ends with done or error; a stream that stops short is a bug, not a user error.
        throw new InvalidOperationException("The answer stream ended without a done or error event.");
    }

    private static AnswerResponse Response(DoneEvent done, SourcesEvent? found, IReadOnlyList<CitationEvent> citations)
    {
        var sources = found?.Sources ?? [];
        var cited = AnswerCitation.From(sources, citations);
        var listed = sources
            .Select(source => new AnswerSourceItem(
                source.N, source.PaperId, source.Title, source.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                source.AuthorCount, source.Url, Math.Round(source.Relevance, 4)))
            .ToList();
        return new AnswerResponse(done.Answer, cited, listed, found?.Kind ?? AnswerKind.Answer, found?.Query ?? "", done.Covered,
            done.RemovedCitations, done.UnsupportedCitations);
    }
}
