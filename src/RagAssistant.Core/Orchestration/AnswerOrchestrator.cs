using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Agent;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Filters;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Steps;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// Answers one question as a stream of <see cref="AnswerEvent"/>s, every step a function of the Semantic Kernel
/// <see cref="Kernel"/> (<see cref="AnswerSteps"/>, the <c>papers</c> plugin, the prompt functions) with the answer's
/// filters on it. Without a model, and in single mode, the plan is fixed: condense → search → select → write → check.
/// In agent mode (<see cref="AgentAnswerPlan"/>) the model searches for itself. Either way the sources are numbered
/// by <see cref="SourceBookkeeping"/>, and nothing reaches the user that cites a source the answer does not have.
/// The one entry point for every surface; see <see cref="AnswerEvent"/> for the order of events.
/// </summary>
public sealed class AnswerOrchestrator(
    Kernel kernel,
    IPaperIndex index,
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
        // Each answer runs on its own copy of the kernel, so its filters keep this answer's books and nobody else's.
        var ledger = new SourceLedger();
        var answerKernel = AnswerKernel.Begin(kernel, ledger, index);
        var draft = new AnswerDraft(answerKernel, ledger, request.Question, clock, embedder);

        var history = request.Conversation?.Turns ?? [];
        var query = await answerKernel.CondenseQuestionAsync(request.Question, history, cancellationToken) ?? request.Question;
        var kind = request.Kind ?? QuestionIntent.Classify(request.Question);
        var plan = agent is not null
            ? agent.AnswerAsync(answerKernel, draft, new AnswerContext(request.Question, kind, FoundSources(query, ledger), history), cancellationToken)
            : FixedPlanAsync(answerKernel, draft, request, query, kind, history, cancellationToken);
        await foreach (var answerEvent in plan)
        {
            if (answerEvent is DoneEvent) Remember(request, query, draft.Text, draft.CitedPaperIds);
            yield return answerEvent;
        }
    }

    /// <summary>Without a model, and in single mode: search → select → write → check, each step a kernel function.</summary>
    private static async IAsyncEnumerable<AnswerEvent> FixedPlanAsync(
        AnswerKernel kernel, AnswerDraft draft, AnswerRequest request, string query, AnswerKind kind, IReadOnlyList<ConversationTurn> history,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var candidates = await kernel.SearchAsync(query, kind, request.From, request.To, cancellationToken);
        var retrieved = await kernel.SelectSourcesAsync(request.Question, candidates, cancellationToken);
        yield return draft.SourcesUpdate(query, kind, retrieved.Covered ? null : retrieved.NearestPapers, retrieved.UndatedLeftOut)!;

        if (!retrieved.Covered)
        {
            foreach (var answerEvent in await draft.PushAsync(NotCoveredText(retrieved.NearestPapers), cancellationToken)) yield return answerEvent;
            foreach (var answerEvent in await draft.CompleteAsync(cancellationToken)) yield return answerEvent;
            yield return draft.Done(covered: false);
            yield break;
        }
        var context = new AnswerContext(request.Question, kind, retrieved, history);
        await foreach (var fragment in kernel.WriteAsync(context, cancellationToken))
        {
            foreach (var answerEvent in await draft.PushAsync(fragment, cancellationToken)) yield return answerEvent;
        }
        foreach (var answerEvent in await draft.CompleteAsync(cancellationToken)) yield return answerEvent;
        yield return draft.Done(covered: true);
    }

    /// <summary>What the agent's tools have found so far, in the shape the writers read (for an answer written from it after a stop).</summary>
    private static RetrievedSources FoundSources(string query, SourceLedger ledger) =>
        new(query, ledger.Sources, QuestionTerms.Of(query), null, 0, []);

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

    private static void Remember(AnswerRequest request, string query, string answer, IReadOnlyList<string> citedPaperIds) =>
        request.Conversation?.Add(new ConversationTurn(request.Question, query, answer, citedPaperIds));
}
