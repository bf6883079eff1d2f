using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>One question and its answer; <paramref name="Query"/> is what was searched (the condensed follow-up), <paramref name="CitedPaperIds"/> the papers the answer cited.</summary>
public sealed record ConversationTurn(string Question, string Query, string Answer, IReadOnlyList<string> CitedPaperIds)
{
    /// <summary>The turn a finished answer adds to its conversation; null when it did not finish (stopped or failed).</summary>
    public static ConversationTurn? Of(string question, AnswerAccumulator answer) =>
        answer.Done is { } done
            ? new ConversationTurn(question, answer.SourcesEvent?.Query ?? question, done.Answer, [.. answer.CitedPapers.Select(paper => paper.PaperId)])
            : null;
}
