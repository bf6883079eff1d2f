using RagAssistant.Core.Configuration;
using RagAssistant.Redis.Indexing;
using RagAssistant.Redis.Limits;
using RagAssistant.Redis.Uploads;
using RagAssistant.Web.Indexing;
using RagAssistant.Web.Limits;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Security;

namespace RagAssistant.Web.SharedState;

/// <summary>
/// The one place the web app decides where what its nodes must agree on lives: in this process (one node, the default)
/// or in Redis (<c>Rag:SharedState=redis</c>), so that every node sees the same. That is the key ring behind cookies and
/// tokens, each caller's question and request windows and upload tallies, the upload queue and its jobs, and the lock
/// that lets one node seed the sample papers. (Conversations, which the CLI keeps too, are chosen in Hosting.)
/// </summary>
public static class NodeStateExtensions
{
    public static WebApplicationBuilder AddNodeState(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (RagOptions.Read(builder.Configuration).SharesStateInRedis)
        {
            services.AddRedisKeyRing();
            services.AddSingleton<RedisCounters>();
            services.AddSingleton<ICallerWindows, RedisCallerWindows>();
            services.AddSingleton<IUploadTally, RedisUploadTally>();
            services.AddSingleton<RedisUploadStream>();
            services.AddSingleton<RedisJobBoard>();
            services.AddSingleton<IUploadQueue, RedisUploadQueue>();
            services.AddSingleton<IUploadJobs, RedisUploadJobs>();
            services.AddSingleton<RedisLocks>();
            services.AddSingleton<ISeedingLock, RedisSeedingLock>();
        }
        else
        {
            // The key ring: ASP.NET Core's own, files under ~/.aspnet/DataProtection-Keys that outlive a restart.
            services.AddSingleton<ICallerWindows, LocalCallerWindows>();
            services.AddSingleton<IUploadTally, LocalUploadTally>();
            services.AddSingleton<IUploadQueue, LocalUploadQueue>();
            services.AddSingleton<IUploadJobs, LocalUploadJobs>();
            services.AddSingleton<ISeedingLock, LocalSeedingLock>();
        }
        return builder;
    }
}
