using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Asking;

/// <summary>
/// The one way a question comes in through the web app, whichever surface carries it (REST, MCP, the hub, the page):
/// refused by the same rules (<see cref="AskRules"/>) and counted against the caller's one question limit
/// (<see cref="QuestionLimiter"/>), then asked within the caller's conversation or on its own. The surfaces only
/// translate: a refusal becomes a 400 or a 429 with Retry-After (<see cref="AskEndpointFilter"/>), a hub error
/// (<see cref="AskHubFilter"/>), a tool error or a line on the page.
/// </summary>
public sealed class AskHandler(ConversationService conversations, QuestionLimiter limiter)
{
    /// <summary>Why <paramref name="request"/> may not be asked now, or null; a valid request counts against the limit.</summary>
    public async ValueTask<AskRefusal?> RefusalAsync(AskRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var problems = request.Problems();
        if (problems.Count > 0) return new AskRefusal(problems, Limit: null);
        return await limiter.RefusalAsync(caller.LimitKey, cancellationToken) is { } limit ? new AskRefusal(Problems: [], limit) : null;
    }

    /// <summary>
    /// The answer's events, for a request <see cref="RefusalAsync"/> let through: within the caller's conversation when
    /// the request names one (only finished answers are kept, unless <paramref name="keepUnfinished"/>), else on its own.
    /// </summary>
    public IAsyncEnumerable<AnswerEvent> AnswerAsync(AskRequest request, Caller caller, CancellationToken cancellationToken, bool keepUnfinished = false) =>
        conversations.AskAsync(request.ToConversationQuestion(caller.Owner, keepUnfinished), cancellationToken);
}

/// <summary>A question refused: its <see cref="Problems"/> by field, or — when it was valid — the question <see cref="Limit"/>'s refusal.</summary>
public sealed record AskRefusal(Dictionary<string, string[]> Problems, QuestionRefusal? Limit)
{
    public string Message => Limit?.Message ?? AskRules.Describe(Problems);
}
