using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagAssistant.Web.Status;

/// <summary>
/// The embedding model: it must load and embed, or every search fails. Probed by embedding one short text (the first
/// probe loads a local model), and the verdict kept for <see cref="ServiceReachability.CacheFor"/>, so /health stays
/// cheap to poll; a local model that failed to load keeps failing, a remote endpoint may come back.
/// </summary>
public sealed class EmbeddingModelHealthCheck(AppDescription app, TimeProvider clock, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    : IHealthCheck
{
    public const string Name = "embedding_model";

    /// <summary>Long enough for a local model's first load on a busy machine; a remote endpoint silent this long is down.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (DateTimeOffset At, string? Problem)? _probed;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (embedder is null) return HealthCheckResult.Healthy(data: Data(new ModelHealth(ModelHealth.NotUsed, app.Embeddings, null)));
        var problem = await ProbeAsync(embedder, cancellationToken);
        if (problem is null) return HealthCheckResult.Healthy(data: Data(new ModelHealth(ModelHealth.Ready, app.Embeddings, null)));
        var model = new ModelHealth(ModelHealth.Unavailable, app.Embeddings, problem);
        return HealthCheckResult.Unhealthy($"The embedding model {app.Embeddings} cannot be used: {problem}", data: Data(model));
    }

    private static Dictionary<string, object> Data(ModelHealth model) => new() { [nameof(ModelHealth)] = model };

    /// <summary>Null when the model embedded the probe text; otherwise why not, in one line.</summary>
    private async Task<string?> ProbeAsync(IEmbeddingGenerator<string, Embedding<float>> model, CancellationToken cancellationToken)
    {
        if (_probed is { } recent && clock.GetUtcNow() - recent.At < ServiceReachability.CacheFor) return recent.Problem;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_probed is { } fresh && clock.GetUtcNow() - fresh.At < ServiceReachability.CacheFor) return fresh.Problem;
            string? problem = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                await model.GenerateAsync(["health probe"], cancellationToken: timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no vector within {ProbeTimeout.TotalSeconds:0} s";
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The innermost message names the cause (a missing assembly, a corrupt graph, a refused key), not the wrapper.
                problem = exception.GetBaseException().Message;
            }
            _probed = (clock.GetUtcNow(), problem);
            return problem;
        }
        finally
        {
            _lock.Release();
        }
    }
}

/// <summary>
/// The embedding model as /health reports it: <paramref name="State"/> is <c>ready</c>, <c>unavailable</c> (see
/// <paramref name="Detail"/>) or <c>not used</c> (BM25 only); <paramref name="Model"/> names it.
/// </summary>
public sealed record ModelHealth(string State, string Model, string? Detail)
{
    public const string Ready = "ready";
    public const string Unavailable = "unavailable";
    public const string NotUsed = "not used";
}
