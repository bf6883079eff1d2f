namespace RagAssistant.Core.Orchestration.Writers;

/// <summary>
/// Writes the answer to a question from its numbered sources, as raw text with <c>[n]</c> citations.
/// Two implementations, chosen by <c>Chat:Provider</c>: <see cref="Extractive.ExtractiveAnswerWriter"/>
/// (no model) and <see cref="LanguageModel.LanguageModelAnswerWriter"/>. Writers are not trusted with
/// citations: the orchestrator passes every fragment through <see cref="Citations.CitationStream"/> and
/// <see cref="Citations.CitationChecker"/> before anything reaches a user.
/// </summary>
public interface IAnswerWriter
{
    /// <summary>Text fragments in order; called only when at least one source passed the relevance threshold.</summary>
    IAsyncEnumerable<string> WriteAsync(AnswerContext context, CancellationToken cancellationToken = default);
}
