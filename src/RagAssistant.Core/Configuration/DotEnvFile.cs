namespace RagAssistant.Core.Configuration;

/// <summary>
/// Loads KEY=VALUE lines from a <c>.env</c> file into the process environment, never overriding a
/// variable that is already set, so both hosts read it through their usual environment provider.
/// </summary>
public static class DotEnvFile
{
    public static void Load(string path = ".env")
    {
        if (!File.Exists(path)) return;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..];
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim().Trim('"', '\'');
            if (Environment.GetEnvironmentVariable(key) is null) Environment.SetEnvironmentVariable(key, value);
        }
    }
}
