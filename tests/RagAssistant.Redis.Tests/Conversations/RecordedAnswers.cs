using System.Runtime.CompilerServices;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Redis.Tests.Conversations;

/// <summary>
/// An answer stream that answers every question in one sentence. It records the history each question came with: what a
/// follow-up would be condensed against. The orchestrator is not the subject here; the stores are.
/// </summary>
internal sealed class RecordedAnswers : IAnswerStream
{
    public List<IReadOnlyList<ConversationTurn>> HistorySeen { get; } = [];

    public async IAsyncEnumerable<AnswerEvent> AskAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        HistorySeen.Add(request.History ?? []);
        await Task.Yield();
        var answer = $"An answer to {request.Question}.";
        yield return new SourcesEvent(request.Question, AnswerKind.Answer, []);
        yield return new TextDeltaEvent(answer);
        yield return new DoneEvent(answer, true, 0, 0, new AnswerTimings(0, 0, 0));
    }

    public static async Task<List<AnswerEvent>> ReadAllAsync(IAsyncEnumerable<AnswerEvent> events)
    {
        var read = new List<AnswerEvent>();
        await foreach (var answerEvent in events) read.Add(answerEvent);
        return read;
    }
}
