using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;

namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// With a language model: the <c>CondenseFollowUp</c> prompt rewrites the question against the history.
/// A first question is never sent to the model; an empty rewrite, a failure or no reply within
/// <paramref name="timeout"/> falls back to the rule, so a down model never stops retrieval.
/// </summary>
public sealed class LanguageModelFollowUpCondenser(Kernel kernel, PromptLibrary prompts, TimeSpan? timeout = null, ILogger<LanguageModelFollowUpCondenser>? logger = null)
    : IFollowUpCondenser
{
    private readonly RuleBasedFollowUpCondenser _rule = new();

    public async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (history.Count == 0) return question.Trim();
        string? standalone;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout is { } wait) limit.CancelAfter(wait);
            var result = await prompts.CondenseFollowUp.InvokeAsync(kernel, new KernelArguments
            {
                ["question"] = question,
                ["history"] = SourcesBlock.FormatHistory(history),
            }, limit.Token);
            standalone = result.GetValue<string>()?.Trim().Trim('"').Trim();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger?.LogWarning("The language model could not condense the follow-up ({Reason}); using the rule instead", exception.Message);
            standalone = null;
        }
        return string.IsNullOrWhiteSpace(standalone) ? await _rule.CondenseAsync(question, history, cancellationToken) : standalone;
    }
}
