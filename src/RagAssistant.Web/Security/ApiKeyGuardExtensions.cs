namespace RagAssistant.Web.Security;

public static class ApiKeyGuardExtensions
{
    /// <summary>
    /// Puts the <see cref="ApiKeyGuard"/> in the pipeline. Endpoints run at the end of the pipeline, so this guards every
    /// endpoint under the guarded paths, whichever file maps them (the chat hub is mapped by the UI's wiring).
    /// </summary>
    public static IApplicationBuilder UseApiKeyGuard(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiKeyGuard>();
}
