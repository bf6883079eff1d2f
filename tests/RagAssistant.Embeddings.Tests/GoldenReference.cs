using System.Text.Json;

namespace RagAssistant.Embeddings.Tests;

/// <summary>Token ids and embeddings that the original TensorFlow.js implementation produced (shared/models/use-lite/golden.json).</summary>
public sealed record GoldenReference(IReadOnlyList<string> Texts, IReadOnlyList<int[]> TokenIds, IReadOnlyList<float[]> Embeddings)
{
    private static readonly Lazy<GoldenReference> Shared = new(Load);

    public static GoldenReference Instance => Shared.Value;

    public static IEnumerable<object[]> Indices => Enumerable.Range(0, Instance.Texts.Count).Select(i => new object[] { i });

    private static GoldenReference Load()
    {
        using var stream = File.OpenRead(RepositoryPaths.GoldenFile);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new GoldenReference(
            root.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            root.GetProperty("token_ids").EnumerateArray().Select(ids => ids.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray(),
            root.GetProperty("embeddings").EnumerateArray().Select(e => e.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray());
    }
}
