
namespace RagAssistant.Web.Papers;

/// <summary>
/// "Add papers": uploads taken from the page and indexed in the background, through the upload queue and the jobs'
/// status that <see cref="SharedState.NodeStateExtensions"/> keeps in this process or in Redis (any node takes a queued
/// upload, every node shows every job).
/// </summary>
public static class PapersExtensions
{
    public static IServiceCollection AddPaperUploads(this IServiceCollection services)
    {
        services.AddSingleton<PaperUploads>();
        services.AddHostedService<UploadIndexingService>();
        return services;
    }
}
