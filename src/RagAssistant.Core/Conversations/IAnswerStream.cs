using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// The answer event stream a conversation asks. In the app it is the <see cref="AnswerOrchestrator"/>; the component
/// tests script it, to control when each event arrives.
/// </summary>
public interface IAnswerStream
{
    IAsyncEnumerable<AnswerEvent> AskAsync(AnswerRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The production <see cref="IAnswerStream"/>: the orchestrator, unchanged.</summary>
public sealed class OrchestratorAnswerStream(AnswerOrchestrator orchestrator) : IAnswerStream
{
    public IAsyncEnumerable<AnswerEvent> AskAsync(AnswerRequest request, CancellationToken cancellationToken = default) =>
        orchestrator.AskAsync(request, cancellationToken);
}
