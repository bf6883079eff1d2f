using System.Text.RegularExpressions;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// Without a model: a question that reads like a follow-up — it opens with "and", "what about", … , points
/// back with "those", "them", "it", …, or has almost no subject of its own — carries over the previous
/// query, so "and which of those conserve mass?" after "which papers emulate CO2 transport with neural
/// nets?" is searched as both together. Any other question starts afresh.
/// </summary>
public sealed partial class RuleBasedFollowUpCondenser : IFollowUpCondenser
{
    [GeneratedRegex(@"^\s*(?:and|but|also|or|so|then|what about|how about|and what about|same for|now)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuationOpening();

    [GeneratedRegex(@"\b(?:those|these|them|they|their|theirs|it|its|this|that one|the same|above|ones|which of|such|former|latter|previous|earlier)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackReference();

    // A question with at most this many content terms rarely stands on its own in a conversation.
    private const int FewTerms = 2;

    private const int MaxCarriedWords = 30;

    public Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (history.Count == 0 || !IsFollowUp(question)) return Task.FromResult(question.Trim());
        // Capped, so a long chain of follow-ups does not grow the query without end.
        var previous = string.Join(' ', history[^1].Query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxCarriedWords));
        return Task.FromResult($"{question.Trim()} {previous}");
    }

    public static bool IsFollowUp(string question) =>
        ContinuationOpening().IsMatch(question) || BackReference().IsMatch(question) || QuestionTerms.Of(question).Count <= FewTerms;
}
