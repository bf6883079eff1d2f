using RagAssistant.Core.Configuration;
using RagAssistant.Redis.Indexing;

namespace RagAssistant.Web.Indexing;

public static class SampleCorpusExtensions
{
    /// <summary>The index status and the first-start seeding; with <c>Rag:SharedState=redis</c>, one node seeds at a time.</summary>
    public static IServiceCollection AddSampleCorpus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IndexReadiness>();
        services.AddOptions<SampleCorpusOptions>().BindConfiguration(SampleCorpusOptions.Section);
        if (RagOptions.Read(configuration).SharesStateInRedis)
        {
            services.AddSingleton<RedisLocks>();
            services.AddSingleton<ISeedingLock, RedisSeedingLock>();
        }
        else
        {
            services.AddSingleton<ISeedingLock, LocalSeedingLock>();
        }
        services.AddHostedService<SampleCorpusSeeder>();
        return services;
    }
}
