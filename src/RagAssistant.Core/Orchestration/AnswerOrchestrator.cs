using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// Answers one question as a stream of <see cref="AnswerEvent"/>s: condenses a follow-up, retrieves and
/// numbers the sources, says so when none is relevant, lets the configured <see cref="IAnswerWriter"/>
/// write, and lets nothing through that cites a source the answer does not have. The one entry point
/// for every surface; see <see cref="AnswerEvent"/> for the order of events.
/// </summary>
public sealed class AnswerOrchestrator(
    SourceRetriever retriever,
    IAnswerWriter writer,
    IFollowUpCondenser condenser,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    ILogger<AnswerOrchestrator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<AnswerOrchestrator>.Instance;

    public const string NotCoveredAnswer =
        "No paper in the index covers this question, so there is nothing to cite. Try other words, or index papers on the subject.";

    /// <summary>The refusal, then the closest titles as leads; brackets in titles become parentheses so nothing reads as a citation.</summary>
    public static string NotCoveredText(IReadOnlyList<NearestPaper> nearest) =>
        nearest.Count == 0
            ? NotCoveredAnswer
            : NotCoveredAnswer + "\n\nNearest papers (not cited): " +
              string.Join("; ", nearest.Select(paper => paper.Title.Replace('[', '(').Replace(']', ')'))) + ".";

    /// <summary>
    /// The events of one answer. Failures end the stream with an <see cref="ErrorEvent"/> rather than an
    /// exception, so a UI can show them in place; cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async IAsyncEnumerable<AnswerEvent> AskAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Question);
        await using var steps = ProduceAsync(request, Stopwatch.StartNew(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            AnswerEvent next;
            try
            {
                if (!await steps.MoveNextAsync()) yield break;
                next = steps.Current;
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                next = Failure(exception);
            }
            yield return next;
            if (next is ErrorEvent) yield break;
        }
    }

    private async IAsyncEnumerable<AnswerEvent> ProduceAsync(AnswerRequest request, Stopwatch clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = request.Conversation?.Turns ?? [];
        var query = QuestionIntent.Subject(await condenser.CondenseAsync(request.Question, history, cancellationToken));
        var kind = request.Kind ?? QuestionIntent.Classify(request.Question);
        var retrieved = await retriever.RetrieveAsync(query, kind, request.From, request.To, cancellationToken);
        var retrievalMs = clock.Elapsed.TotalMilliseconds;
        yield return new SourcesEvent(query, kind, retrieved.Sources, retrieved.Covered ? null : retrieved.NearestPapers);

        var answer = new StringBuilder();
        double? firstTextMs = null;
        if (!retrieved.Covered)
        {
            firstTextMs = clock.Elapsed.TotalMilliseconds;
            var refusal = NotCoveredText(retrieved.NearestPapers);
            answer.Append(refusal);
            yield return new TextDeltaEvent(refusal);
            Remember(request, query, answer.ToString(), []);
            yield return new DoneEvent(answer.ToString(), false, 0, 0, new AnswerTimings(retrievalMs, firstTextMs, clock.Elapsed.TotalMilliseconds));
            yield break;
        }

        var stream = new CitationStream(retrieved.Sources.Count);
        var checker = new CitationChecker(retrieved.Sources, embedder);
        var cited = new HashSet<int>();
        var unsupported = 0;
        var context = new AnswerContext(request.Question, kind, retrieved, history);
        await foreach (var fragment in writer.WriteAsync(context, cancellationToken))
        {
            foreach (var answerEvent in await ReleaseAsync(stream.Push(fragment))) yield return answerEvent;
        }
        foreach (var answerEvent in await ReleaseAsync(stream.Complete())) yield return answerEvent;

        var paperIds = retrieved.Sources.Where(source => cited.Contains(source.N)).Select(source => source.PaperId).ToList();
        Remember(request, query, answer.ToString(), paperIds);
        yield return new DoneEvent(answer.ToString(), true, stream.Removed, unsupported,
            new AnswerTimings(retrievalMs, firstTextMs, clock.Elapsed.TotalMilliseconds));

        async Task<List<AnswerEvent>> ReleaseAsync(StreamStep step)
        {
            var events = new List<AnswerEvent>();
            if (step.Text.Length > 0)
            {
                firstTextMs ??= clock.Elapsed.TotalMilliseconds;
                answer.Append(step.Text);
                events.Add(new TextDeltaEvent(step.Text));
            }
            foreach (var sentence in step.Sentences)
            {
                foreach (var citation in await checker.CheckAsync(sentence, cancellationToken))
                {
                    cited.Add(citation.N);
                    if (!citation.Verified) unsupported++;
                    events.Add(citation);
                }
            }
            return events;
        }
    }

    /// <summary>
    /// A service the answer needs keeps its message: written for people, it names the service and says to try again.
    /// Anything else is a fault inside the app whose text may show its internals, so callers get a reference to the log.
    /// </summary>
    private ErrorEvent Failure(Exception exception)
    {
        if (IsUnreachable(exception)) return new ErrorEvent(exception.Message, ServiceUnreachable: true);
        var reference = ErrorReference.Current();
        _logger.LogError(exception, "The answer failed (reference {Reference})", reference);
        return new ErrorEvent(ErrorReference.Sentence("The answer", reference));
    }

    /// <summary>Connection failures, timeouts and 5xx answers from the store or the chat endpoint, however deeply wrapped.</summary>
    private static bool IsUnreachable(Exception exception) =>
        exception switch
        {
            StoreUnavailableException or HttpRequestException or TimeoutException => true,
            TaskCanceledException => true, // an HTTP client's timeout
            Microsoft.SemanticKernel.HttpOperationException { StatusCode: null or >= System.Net.HttpStatusCode.InternalServerError } => true,
            System.ClientModel.ClientResultException { Status: 0 or >= 500 } => true,
            _ => exception.InnerException is { } inner && IsUnreachable(inner),
        };

    private static void Remember(AnswerRequest request, string query, string answer, IReadOnlyList<string> citedPaperIds) =>
        request.Conversation?.Add(new ConversationTurn(request.Question, query, answer, citedPaperIds));
}
