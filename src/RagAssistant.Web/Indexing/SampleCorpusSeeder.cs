using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Retrieval;
using RagAssistant.Redis;

namespace RagAssistant.Web.Indexing;

/// <summary>
/// On first start with an empty index, indexes the configured sample papers in the background, so
/// a newcomer can ask a question at once. Missing sample paths are skipped quietly. Nodes sharing one index take turns
/// (<see cref="ISeedingLock"/>): the first opens and seeds it, the others then find it seeded and are ready. A store (or
/// Redis) that is not up yet — a node started before Qdrant, as Compose does — is tried again every
/// <see cref="RetryDelay"/> until it answers, with the reason on /health meanwhile, so the node needs no restart.
/// </summary>
public sealed class SampleCorpusSeeder(
    IServiceProvider services, IPaperIndex index, PaperIndexer indexer, ISeedingLock seedingLock, IOptions<SampleCorpusOptions> options,
    IndexReadiness status, ILogger<SampleCorpusSeeder> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private bool _outageLogged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!await TrySeedAsync(stoppingToken))
        {
            await Task.Delay(RetryDelay, stoppingToken);
        }
    }

    /// <summary>False when the store or Redis was unreachable and seeding should be tried again; true when done or given up.</summary>
    private async Task<bool> TrySeedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var turn = await seedingLock.TakeAsync(stoppingToken);
            await services.OpenIndexAsync(stoppingToken);
            status.Papers = await index.CountPapersAsync(stoppingToken);
            var samples = options.Value.SamplePathsFullPaths.Where(path => Directory.Exists(path) || File.Exists(path)).ToList();
            status.Problem = null;
            if (status.Papers > 0 || samples.Count == 0)
            {
                status.Ready = true;
                return true;
            }
            logger.LogInformation("The index is empty; indexing the sample papers in {Paths}", string.Join(", ", samples));
            status.Indexing = true;
            var summary = await indexer.IndexAsync(samples, cancellationToken: stoppingToken);
            foreach (var error in summary.Errors) logger.LogWarning("Sample papers: {Error}", error);
            logger.LogInformation("Indexed {Papers} sample papers in {Seconds:0.0} s", summary.Papers, summary.Seconds);
            status.Papers = await index.CountPapersAsync(stoppingToken);
            status.Ready = true;
            return true;
        }
        catch (Exception exception) when (exception is StoreUnavailableException || RedisOutage.Is(exception))
        {
            status.Problem = $"{exception.Message} Trying again every {RetryDelay.TotalSeconds:0} s.";
            if (!_outageLogged) logger.LogWarning("The index cannot be opened yet, trying again every {Seconds:0} s: {Message}", RetryDelay.TotalSeconds, exception.Message);
            _outageLogged = true;
            return false;
        }
        catch (IndexMismatchException exception)
        {
            status.Problem = $"{exception.Message} To rebuild it, run `rag index <papers> --rebuild` on this data directory.";
            logger.LogError(exception, "The index was built with another embedding model");
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            status.Problem = exception.Message;
            logger.LogError(exception, "The index could not be opened or seeded");
            return true;
        }
        finally
        {
            status.Indexing = false;
        }
    }
}
