using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Api.Answers;

/// <summary>
/// The body of <c>POST /api/ask</c> and <c>POST /api/ask/stream</c>. <paramref name="Kind"/> unset means decided from
/// the wording; <c>summary</c> asks for a literature summary by theme. The dates limit the papers searched.
/// </summary>
public sealed record AskRequest(string? Question, AnswerKind? Kind = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Problems keyed by the snake_case field they concern; empty when the request is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (QuestionLimit.Problem(Question) is { } problem) errors["question"] = [problem];
        if (From > To) errors["from"] = ["from is after to."];
        return errors;
    }

    public AnswerRequest ToAnswerRequest() => new(Question!.Trim(), null, Kind, From, To);
}
