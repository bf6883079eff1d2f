namespace RagAssistant.Embeddings.Local;

/// <summary>The local model's files are missing or unreadable; the message names the path and how to fetch them.</summary>
public sealed class EmbeddingModelUnavailableException : Exception
{
    /// <summary>The command that installs the model files, run in the repository root.</summary>
    public const string FetchCommand = "npm ci --ignore-scripts";

    public EmbeddingModelUnavailableException(string path, string problem, Exception? innerException = null)
        : base($"The local embedding model is not usable: {problem} (path: {path}). "
               + $"Install it by running `{FetchCommand}` in the repository root, "
               + "or point the configuration key Embeddings:ModelPath at the folder that holds model.json, vocab.json and the weight shards.",
               innerException)
    {
        ModelPath = path;
    }

    public string ModelPath { get; }
}
