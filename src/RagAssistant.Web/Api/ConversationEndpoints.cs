using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Api;

/// <summary>DELETE /api/conversations/{conversationId}: forgets a kept conversation (the page's, a hub client's or the CLI's).</summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        api.MapDelete("/conversations/{conversationId}", DeleteAsync)
            .WithName("DeleteConversation")
            .WithSummary("Deletes a conversation and everything kept of it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string conversationId, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (!ConversationStore.IsValidId(conversationId))
        {
            return TypedResults.Problem("conversationId must be 1 to 64 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Not a conversation id");
        }
        return await conversations.DeleteAsync(conversationId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No conversation has the id \"{conversationId}\".", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");
    }
}
