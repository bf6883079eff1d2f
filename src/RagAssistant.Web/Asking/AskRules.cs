using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Asking;

/// <summary>What makes an <see cref="AskRequest"/> askable, in the words every surface refuses it with, and what it becomes once it is.</summary>
public static class AskRules
{
    /// <summary>Problems keyed by the snake_case field they concern; empty when the request may be asked.</summary>
    public static Dictionary<string, string[]> Problems(this AskRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (QuestionText.Problem(request.Question) is { } problem) errors["question"] = [problem];
        // JSON and SignalR read any number into an enum; only the named kinds mean something.
        if (request.Kind is { } kind && !Enum.IsDefined(kind)) errors["kind"] = ["kind must be one of answer, summary."];
        if (request.From > request.To) errors["from"] = ["from is after to."];
        if (request.ConversationId is not null && !ConversationIds.IsValid(request.ConversationId))
        {
            errors["conversation_id"] = ["conversation_id must be 1 to 64 letters, digits, '-' or '_'."];
        }
        return errors;
    }

    /// <summary>The problems as one sentence, for surfaces that answer with a message (the hub, MCP, the page).</summary>
    public static string Describe(Dictionary<string, string[]> problems) => string.Join(" ", problems.Values.SelectMany(messages => messages));

    internal static ConversationQuestion ToConversationQuestion(this AskRequest request, ConversationOwner owner, bool keepUnfinished) =>
        new(owner, request.ConversationId, QuestionText.Normalise(request.Question), request.Kind, request.From, request.To, keepUnfinished);
}
