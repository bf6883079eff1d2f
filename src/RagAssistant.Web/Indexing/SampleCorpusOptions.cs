namespace RagAssistant.Web.Indexing;

/// <summary>The papers the web app indexes on first start: <c>Rag:SamplePaths</c> (environment <c>Rag__SamplePaths__0</c>, …).</summary>
public sealed class SampleCorpusOptions
{
    public const string Section = "Rag";

    /// <summary>Indexed when the index is empty; missing paths are ignored. Relative paths are read from the app's folder, where the build copies samples/.</summary>
    /// <remarks>Empty here and set in appsettings.json: the configuration binder appends to an array default instead of replacing it.</remarks>
    public string[] SamplePaths { get; set; } = [];

    public IEnumerable<string> SamplePathsFullPaths => SamplePaths.Select(path => Path.GetFullPath(path, AppContext.BaseDirectory));
}
