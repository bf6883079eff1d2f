using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagAssistant.Web.Components;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Status;

namespace RagAssistant.Web.Chat;

/// <summary>
/// The one wiring place of the surfaces for people and for streaming clients: the Blazor Server chat UI, the
/// chat hub at <c>/hubs/chat</c>, and <c>/health</c>.
/// </summary>
public static class ChatUiExtensions
{
    public static WebApplicationBuilder AddChatUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR();
        services.AddOptions<ChatUiOptions>().Bind(builder.Configuration.GetSection(ChatUiOptions.Section));
        services.AddHttpClient(HealthProbe.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAnswerStream, OrchestratorAnswerStream>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<StarterQuestions>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PaperUploads>();
        return builder;
    }

    public static WebApplication MapChatUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<ChatHub>(ChatHub.Path);
        app.MapGet("/health", async (HealthProbe probe, CancellationToken cancellationToken) =>
        {
            var report = await probe.CheckAsync(cancellationToken);
            return Results.Json(report, HealthJson, statusCode: report.CanAnswer ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
