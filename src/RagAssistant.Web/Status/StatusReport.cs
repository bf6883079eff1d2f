using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Status;

/// <summary>
/// The state of the app, as /health returns it (snake_case) and the page footer shows it. <paramref name="Status"/> is
/// <c>ready</c>, <c>starting</c>, <c>indexing</c> (the sample papers are being added), <c>degraded</c> (a service is
/// unreachable: the language model with the extractive fallback on, or the shared <paramref name="Redis"/>) or
/// <c>unavailable</c> (see <paramref name="Problem"/>: the index cannot be opened, or the embedding model cannot be
/// used); <paramref name="CanAnswer"/> decides 200 or 503.
/// </summary>
public sealed record StatusReport(
    string Status,
    bool CanAnswer,
    long Papers,
    bool Indexing,
    string Store,
    string Embeddings,
    string AnswerWriter,
    Reachability Qdrant,
    Reachability LanguageModel,
    Reachability Redis,
    string? Problem,
    ModelHealth EmbeddingModel)
{
    /// <summary>The health checks' verdicts in the words /health has always used.</summary>
    internal static StatusReport From(HealthReport report, AppDescription app, Indexing.IndexReadiness status)
    {
        var store = report.Entries[StoreHealthCheck.Name];
        var model = report.Entries[LanguageModelHealthCheck.Name];
        var embedding = report.Entries[EmbeddingModelHealthCheck.Name];
        var redis = report.Entries[RedisHealthCheck.Name];
        var state = (string)store.Data[nameof(IndexState)];
        // Without its embedding model nothing can be searched, so the app is unavailable however ready the index is.
        if (state == IndexState.Ready && embedding.Status == HealthStatus.Unhealthy) state = IndexState.Unavailable;
        // Degraded (the model down, the extractive fallback on) still answers; unhealthy does not.
        var canAnswer = report.Status != HealthStatus.Unhealthy;
        return new StatusReport(
            report.Status == HealthStatus.Healthy ? IndexState.Ready : state == IndexState.Ready ? "degraded" : state,
            canAnswer,
            status.Papers,
            status.Indexing,
            app.Store,
            app.Embeddings,
            app.AnswerWriter,
            (Reachability)store.Data[nameof(Reachability)],
            (Reachability)model.Data[nameof(Reachability)],
            (Reachability)redis.Data[nameof(Reachability)],
            status.Problem ?? (embedding.Status == HealthStatus.Unhealthy ? embedding.Description : null),
            (ModelHealth)embedding.Data[nameof(ModelHealth)]);
    }
}
