using Microsoft.Extensions.Configuration;

namespace RagAssistant.Hosting;

/// <summary>
/// KEY=VALUE lines of a <c>.env</c> file read as configuration in the environment's own form
/// (<c>Rag__Store=qdrant</c> is <c>Rag:Store</c>). A missing file is no error.
/// </summary>
public sealed class DotEnvConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DotEnvConfigurationProvider(Path);
}

internal sealed class DotEnvConfigurationProvider(string path) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..];
                var equals = line.IndexOf('=');
                if (equals <= 0) continue;
                var key = line[..equals].Trim().Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                data[key] = line[(equals + 1)..].Trim().Trim('"', '\'');
            }
        }
        Data = data;
    }
}
