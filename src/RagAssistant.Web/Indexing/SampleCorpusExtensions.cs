
namespace RagAssistant.Web.Indexing;

public static class SampleCorpusExtensions
{
    /// <summary>The index status and the first-start seeding; one node seeds at a time (<see cref="ISeedingLock"/>).</summary>
    public static IServiceCollection AddSampleCorpus(this IServiceCollection services)
    {
        services.AddSingleton<IndexReadiness>();
        services.AddOptions<SampleCorpusOptions>().BindConfiguration(SampleCorpusOptions.Section);
        services.AddHostedService<SampleCorpusSeeder>();
        return services;
    }
}
