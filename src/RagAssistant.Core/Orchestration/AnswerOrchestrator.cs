using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Agent;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Evidence;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// Answers one question as a stream of <see cref="AnswerEvent"/>s — the one entry point for every surface; see
/// <see cref="AnswerEvent"/> for the order of events. Without a model, and in single mode, the plan is fixed and reads
/// top to bottom in <see cref="PlanAsync"/>: condense the follow-up → retrieve the numbered sources the gate lets
/// through → (with the evidence step) keep those a model finds evidence in → write → check every cited sentence. In
/// agent mode (<see cref="AgentAnswerPlan"/>) the Semantic Kernel orchestrates instead: the model calls the paper tools
/// as often as it needs. Either way nothing reaches the user that cites a source the answer does not have.
/// </summary>
public sealed class AnswerOrchestrator(
    IFollowUpCondenser condenser,
    SourceRetriever retriever,
    IAnswerWriter writer,
    EvidenceWeigher? evidence = null,
    AgentAnswerPlan? agent = null,
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
        await using var steps = PlanAsync(request, Stopwatch.StartNew(), cancellationToken).GetAsyncEnumerator(cancellationToken);
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

    /// <summary>The plan of one answer, read top to bottom.</summary>
    private async IAsyncEnumerable<AnswerEvent> PlanAsync(AnswerRequest request, Stopwatch clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = request.History ?? [];
        var query = QuestionIntent.Subject(await condenser.CondenseAsync(request.Question, history, cancellationToken));
        var kind = request.Kind ?? QuestionIntent.Classify(request.Question);
        if (agent is not null)
        {
            await foreach (var answerEvent in agent.AnswerAsync(request.Question, query, kind, history, clock, cancellationToken)) yield return answerEvent;
            yield break;
        }

        var sources = await retriever.RetrieveAsync(query, kind, request.From, request.To, cancellationToken);
        if (evidence is not null && sources.Covered) sources = await evidence.SelectAsync(request.Question, sources, cancellationToken);
        var draft = new AnswerDraft(sources.Sources, request.Question, clock, embedder);
        yield return draft.SourcesUpdate(query, kind, sources.Covered ? null : sources.NearestPapers, sources.UndatedLeftOut)!;

        var text = sources.Covered
            ? writer.WriteAsync(new AnswerContext(request.Question, kind, sources, history), cancellationToken)
            : Once(NotCoveredText(sources.NearestPapers));
        await foreach (var fragment in text)
        {
            foreach (var answerEvent in await draft.PushAsync(fragment, cancellationToken)) yield return answerEvent;
        }
        foreach (var answerEvent in await draft.CompleteAsync(cancellationToken)) yield return answerEvent;
        yield return draft.Done(covered: sources.Covered);
    }

    internal static async IAsyncEnumerable<string> Once(string text)
    {
        await Task.CompletedTask;
        yield return text;
    }

    /// <summary>
    /// A service the answer needs keeps its message: written for people, it names the service and says to try again.
    /// Anything else is a fault inside the app whose text may show its internals, so callers get a reference to the log.
    /// </summary>
    private ErrorEvent Failure(Exception exception)
    {
        if (IsUnreachable(exception)) return new ErrorEvent(exception.Message, ServiceUnreachable: true);
        // The model's own mistake, said in words a user can act on; nothing of the app's internals is in it.
        if (exception is InvalidToolCallException) return new ErrorEvent(exception.Message);
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
            HttpOperationException { StatusCode: null or >= System.Net.HttpStatusCode.InternalServerError } => true,
            System.ClientModel.ClientResultException { Status: 0 or >= 500 } => true,
            _ => exception.InnerException is { } inner && IsUnreachable(inner),
        };
}
