using System.Reflection;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// A <see cref="LocalModel"/> loaded from the resources of its package assembly: its tokenizer and its ONNX session,
/// each loaded on first use so that hosts start fast. Thread-safe; one instance is meant to be shared by the process.
/// </summary>
public sealed class SentenceTransformer : IDisposable
{
    private readonly Lazy<WordPieceTokenizer> _tokenizer;
    private readonly Lazy<OnnxSentenceSession> _session;

    public SentenceTransformer(LocalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _tokenizer = new Lazy<WordPieceTokenizer>(() =>
        {
            using var vocabulary = OpenResource(model, model.VocabularyResource);
            return WordPieceTokenizer.Load(vocabulary);
        });
        _session = new Lazy<OnnxSentenceSession>(() =>
        {
            using var graph = OpenResource(model, model.ModelResource);
            using var bytes = new MemoryStream();
            graph.CopyTo(bytes);
            return new OnnxSentenceSession(bytes.ToArray(), model, Tokenizer);
        });
    }

    public LocalModel Model { get; }

    public WordPieceTokenizer Tokenizer => _tokenizer.Value;

    internal OnnxSentenceSession Session => _session.Value;

    /// <summary>Whether the tokenizer or the ONNX session has been loaded yet.</summary>
    public bool IsLoaded => _tokenizer.IsValueCreated || _session.IsValueCreated;

    public void Dispose()
    {
        if (_session.IsValueCreated)
        {
            _session.Value.Dispose();
        }
    }

    private static Stream OpenResource(LocalModel model, string resource)
    {
        // The package assembly is a dependency of this one, so it is always beside it (bin/, publish/, the image).
        var assembly = Assembly.Load(new AssemblyName(model.ResourceAssembly));
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The assembly {assembly.GetName().Name} carries no resource {resource}; the {model.Name} package is damaged.");
    }
}
