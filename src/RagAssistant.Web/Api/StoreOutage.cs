using ModelContextProtocol;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Api;

/// <summary>
/// The one place that turns <see cref="StoreUnavailableException"/> (Qdrant down or refusing the key) and
/// <see cref="ConversationStoreUnavailableException"/> (Redis down, with several nodes) into what each surface promises:
/// 503 with a problem document on REST, a tool error on MCP. Answers need none of this: the orchestrator and the
/// conversation service already end them with a <c>service_unreachable</c> error.
/// </summary>
public static class StoreOutage
{
    public const string Title = "The paper store is unreachable";
    public const string ConversationsTitle = "Conversations are unavailable";

    /// <summary>For the /api group: a store outage in any endpoint is a 503, not a 500.</summary>
    public static RouteGroupBuilder MapsStoreOutageTo503(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (StoreUnavailableException exception)
            {
                return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: Title);
            }
            catch (ConversationStoreUnavailableException exception)
            {
                return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: ConversationsTitle);
            }
        });
        return api;
    }

    /// <summary>Runs an MCP tool's work; a store outage becomes a tool error the calling model can read and retry on.</summary>
    public static async Task<T> ForMcpAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (StoreUnavailableException exception)
        {
            throw new McpException($"{Title}; try again later. {exception.Message}", exception);
        }
    }
}
