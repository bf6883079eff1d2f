using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Components;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Security;
using RagAssistant.Web.Status;

namespace RagAssistant.Web.Chat;

/// <summary>
/// The one wiring place of the surfaces for people and for streaming clients: the Blazor Server chat UI, the
/// chat hub at <c>/hubs/chat</c> (behind sign-in and the rate limit, like the API), and <c>/health</c>, which stays open
/// for probes.
/// </summary>
public static class ChatUiExtensions
{
    public static WebApplicationBuilder AddChatUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddSignalR();
        // Who the page's caller is: read from the request when prerendering, from the circuit's connection when it opens.
        services.AddHttpContextAccessor();
        services.AddScoped<PageCaller>();
        services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        services.AddOptions<ChatUiOptions>().BindConfiguration(ChatUiOptions.Section);
        services.AddAppStatus();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StarterQuestions>();
        services.AddPaperUploads();
        return builder;
    }

    public static WebApplication MapChatUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<ChatHub>(ChatHub.Path)
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            .RequireRateLimiting(RateLimitingExtensions.Policy);
        app.MapAppStatus().AllowAnonymous(); // probes do not sign in
        return app;
    }
}
