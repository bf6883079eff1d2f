using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Api.Answers;

/// <summary>
/// The body of <c>POST /api/ask</c> and <c>POST /api/ask/stream</c>, and what the hub's <c>Ask</c> and the MCP answer
/// tools are read into, so that every surface refuses the same input in the same words. <paramref name="Kind"/> unset
/// means decided from the wording; <c>summary</c> asks for a literature summary by theme. The dates limit the papers
/// searched. <paramref name="ConversationId"/> (optional) asks within one of the caller's conversations, so a follow-up
/// is read against what was asked before; an id the caller has not used yet starts one. Without it, each question
/// stands alone.
/// </summary>
public sealed record AskRequest(string? Question, AnswerKind? Kind = null, DateOnly? From = null, DateOnly? To = null, string? ConversationId = null)
{
    /// <summary>Problems keyed by the snake_case field they concern; empty when the request is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (QuestionText.Problem(Question) is { } problem) errors["question"] = [problem];
        // JSON and SignalR read any number into an enum; only the named kinds mean something.
        if (Kind is { } kind && !Enum.IsDefined(kind)) errors["kind"] = ["kind must be one of answer, summary."];
        if (From > To) errors["from"] = ["from is after to."];
        if (ConversationId is not null && !ConversationIds.IsValid(ConversationId))
        {
            errors["conversation_id"] = ["conversation_id must be 1 to 64 letters, digits, '-' or '_'."];
        }
        return errors;
    }

    /// <summary>The problems of <see cref="Validate"/> as one sentence, for surfaces that answer with a message (the hub, MCP).</summary>
    public static string Describe(Dictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(messages => messages));

    public AnswerRequest ToAnswerRequest() => new(QuestionText.Normalise(Question!), null, Kind, From, To);

    /// <summary>The question within <paramref name="owner"/>'s conversation <see cref="ConversationId"/>; only finished answers are kept.</summary>
    public ConversationQuestion ToConversationQuestion(ConversationOwner owner) =>
        new(owner, ConversationId!, QuestionText.Normalise(Question!), Kind, From, To);
}
