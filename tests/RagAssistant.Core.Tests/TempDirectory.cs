namespace RagAssistant.Core.Tests;

/// <summary>A fresh folder for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rag-test-").FullName;

    public string File(string name, string contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by SQLite's pool on some runs; the OS temp cleaner takes it.
        }
    }
}
