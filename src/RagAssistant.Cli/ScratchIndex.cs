using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Cli;

/// <summary>
/// The throwaway store that <c>rag eval</c>, <c>rag bench</c> and <c>rag bench-ask</c> build (its own data directory and
/// Qdrant collection): removed when the command ends, also when it fails or is cancelled, so no empty or half-built
/// collection is left on the user's Qdrant.
/// </summary>
internal static class ScratchIndex
{
    /// <summary>
    /// The command's settings pointed at a scratch store: <paramref name="dataDir"/> and a Qdrant collection named after it.
    /// Without <paramref name="ranker"/> the learned ranker is neither loaded nor served: training a new model must not
    /// need the one it replaces, whose features this build may no longer compute.
    /// </summary>
    public static Dictionary<string, string?> Settings(System.CommandLine.ParseResult parse, DirectoryInfo dataDir, bool ranker = true)
    {
        var overrides = GlobalOptions.Overrides(parse);
        overrides["Rag:DataDir"] = dataDir.FullName;
        overrides["Qdrant:Collection"] = $"scratch-{dataDir.Name}";
        if (!ranker) overrides[$"{RankingOptions.Section}:{nameof(RankingOptions.Enabled)}"] = "false";
        return overrides;
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a host over a scratch store — or over the store kept in <paramref name="kept"/>,
    /// which is then left in place for the next run — and removes the scratch store afterwards, also on failure. The body
    /// gets the host's services and its settings, to build further hosts over the same store.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        System.CommandLine.ParseResult parse, string? kept, Func<IServiceProvider, IReadOnlyDictionary<string, string?>, Task<T>> body, bool ranker = true)
    {
        var scratch = kept is null ? Directory.CreateTempSubdirectory("rag-scratch-") : Directory.CreateDirectory(kept);
        var overrides = Settings(parse, scratch, ranker);
        try
        {
            using var host = CliHost.Build(overrides);
            try
            {
                return await body(host.Services, overrides);
            }
            finally
            {
                if (kept is null) await DropAsync(host.Services.GetRequiredService<IPaperIndex>());
            }
        }
        finally
        {
            if (kept is null) scratch.Delete(recursive: true);
        }
    }

    public static async Task DropAsync(IPaperIndex index)
    {
        try
        {
            // Not the command's token: a cancelled command still removes what it created.
            await index.ClearAsync(CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            // The command's own error (usually this same outage) is the one to report; this only says what is left.
            CliOutput.Error($"the scratch {index.Name} store could not be removed: {exception.Message}");
        }
    }
}
