using Microsoft.SemanticKernel;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;

namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// With a language model: the <c>CondenseFollowUp</c> prompt rewrites the question against the history.
/// A first question is never sent to the model; an empty rewrite falls back to the rule.
/// </summary>
public sealed class LanguageModelFollowUpCondenser(Kernel kernel, PromptLibrary prompts) : IFollowUpCondenser
{
    private readonly RuleBasedFollowUpCondenser _rule = new();

    public async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (history.Count == 0) return question.Trim();
        var result = await prompts.CondenseFollowUp.InvokeAsync(kernel, new KernelArguments
        {
            ["question"] = question,
            ["history"] = SourcesBlock.FormatHistory(history),
        }, cancellationToken);
        var standalone = result.GetValue<string>()?.Trim().Trim('"').Trim();
        return string.IsNullOrWhiteSpace(standalone) ? await _rule.CondenseAsync(question, history, cancellationToken) : standalone;
    }
}
