namespace RagAssistant.Embeddings.Local;

/// <summary>
/// A sentence-transformer shipped inside a NuGet package: its ONNX graph and WordPiece vocabulary are embedded
/// resources of <see cref="ResourceAssembly"/> (resources <c>{ResourceAssembly}.Resources.model.onnx</c> and <c>.vocab.txt</c>).
/// </summary>
/// <param name="Name">The name users configure (Embeddings:Model) and an index records.</param>
/// <param name="ResourceAssembly">The package assembly that embeds the model.</param>
/// <param name="Pooling">How token vectors become the sentence vector.</param>
/// <param name="MaxSequenceTokens">Tokens per model call, [CLS] and [SEP] included; longer texts are split into windows.</param>
/// <param name="QueryPrefix">Text put before a search query (never before a document); null when the model needs none.</param>
/// <param name="Dimensions">The size of the vectors.</param>
public sealed record LocalModel(
    string Name,
    string ResourceAssembly,
    TokenPooling Pooling,
    int MaxSequenceTokens,
    string? QueryPrefix,
    int Dimensions)
{
    /// <summary>Word pieces of text per window: the sequence limit less the [CLS] and [SEP] the model expects around them.</summary>
    public int MaxTextTokens => MaxSequenceTokens - 2;

    public string ModelResource => $"{ResourceAssembly}.Resources.model.onnx";

    public string VocabularyResource => $"{ResourceAssembly}.Resources.vocab.txt";

    public override string ToString() => Name;
}
