using RagAssistant.Core.Configuration;
using RagAssistant.Redis.Uploads;

namespace RagAssistant.Web.Papers;

/// <summary>
/// "Add papers": the upload queue and the jobs' status in this process (one node, the default) or in Redis
/// (<c>Rag:SharedState=redis</c>: any node takes a queued upload, every node shows every job). The one place that decides.
/// </summary>
public static class PapersExtensions
{
    public static IServiceCollection AddPaperUploads(this IServiceCollection services, IConfiguration configuration)
    {
        if (RagOptions.Read(configuration).SharesStateInRedis)
        {
            services.AddSingleton<RedisUploadStream>();
            services.AddSingleton<RedisJobBoard>();
            services.AddSingleton<IUploadQueue, RedisUploadQueue>();
            services.AddSingleton<IUploadJobs, RedisUploadJobs>();
        }
        else
        {
            services.AddSingleton<IUploadQueue, LocalUploadQueue>();
            services.AddSingleton<IUploadJobs, LocalUploadJobs>();
        }
        services.AddSingleton<PaperUploads>();
        services.AddHostedService<UploadIndexingService>();
        return services;
    }
}
