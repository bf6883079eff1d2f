using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Api;

/// <summary>
/// The caller's kept conversations (the page's, a hub client's, or those asked through <c>POST /api/ask</c> with a
/// <c>conversation_id</c>): list, read, delete. Another owner's conversation is "not found" here, as everywhere.
/// </summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations", ListAsync)
            .WithName("ListConversations")
            .WithSummary("The caller's conversations, most recent first.");
        api.MapGet("/conversations/{conversationId}", GetAsync)
            .WithName("GetConversation")
            .WithSummary("One of the caller's conversations with its latest turns: question, answer, citations.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/conversations/{conversationId}", DeleteAsync)
            .WithName("DeleteConversation")
            .WithSummary("Deletes one of the caller's conversations and everything kept of it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ConversationList>> ListAsync(HttpContext context, ConversationService conversations, CancellationToken cancellationToken)
    {
        var listed = await conversations.ListAsync(Caller.Of(context).Owner, cancellationToken);
        return TypedResults.Ok(new ConversationList([.. listed.Select(c => new ConversationListItem(c.Id, c.Title, c.Updated, c.Questions))]));
    }

    private static async Task<Results<Ok<ConversationDetails>, ProblemHttpResult>> GetAsync(
        string conversationId, HttpContext context, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (!ConversationIds.IsValid(conversationId)) return NotAnId();
        return await conversations.FindAsync(Caller.Of(context).Owner, conversationId, cancellationToken) is { } transcript
            ? TypedResults.Ok(DetailsOf(transcript))
            : NotFound(conversationId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string conversationId, HttpContext context, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (!ConversationIds.IsValid(conversationId)) return NotAnId();
        return await conversations.DeleteAsync(Caller.Of(context).Owner, conversationId, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(conversationId);
    }

    private static ProblemHttpResult NotAnId() =>
        TypedResults.Problem("conversationId must be 1 to 64 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Not a conversation id");

    private static ProblemHttpResult NotFound(string conversationId) =>
        TypedResults.Problem($"You have no conversation with the id \"{conversationId}\".", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");

    /// <summary>A kept conversation as the wire shows it, each turn's citations folded as a live answer's are.</summary>
    private static ConversationDetails DetailsOf(ChatTranscript transcript) => new(
        transcript.Id,
        transcript.Title,
        transcript.Created,
        transcript.Updated,
        [.. transcript.Exchanges.Select(exchange => new ConversationTurnItem(
            exchange.Question,
            exchange.Answer,
            AnswerAccumulator.CitedPapersOf(exchange.Sources, exchange.Citations),
            exchange.Kind,
            exchange.Outcome.ToString().ToLowerInvariant(),
            exchange.AskedAt))]);
}
