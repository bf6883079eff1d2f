using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Sources;

namespace RagAssistant.Core.Orchestration.Writers;

/// <summary>Everything a writer may use: the question as asked, the retrieval behind it, the kind of answer and the recent conversation.</summary>
public sealed record AnswerContext(
    string Question,
    AnswerKind Kind,
    RetrievedSources Retrieved,
    IReadOnlyList<ConversationTurn> History)
{
    public IReadOnlyList<AnswerSource> Sources => Retrieved.Sources;
}
