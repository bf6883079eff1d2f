namespace RagAssistant.Cli.Tests;

/// <summary>
/// Where `rag` reads its settings — appsettings.json and .env in the working directory, environment variables, the
/// command line — and that a bad one stops it before any work, naming the key.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rag-cli-config-").FullName;

    private static readonly Dictionary<string, string> NoModel = new() { ["Embeddings__Provider"] = "none" };

    private Task<CliResult> SearchAsync(IDictionary<string, string> environment) =>
        RagCli.RunAsync(["search", "neural networks", "--json", "--data-dir", Path.Combine(_folder, "data")], environment, _folder);

    [Fact]
    public async Task A_bad_store_in_appsettings_json_or_dotenv_is_refused_at_start_and_the_environment_wins_over_dotenv()
    {
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), """{ "Rag": { "Store": "cloud" } }""");
        var fromJson = await SearchAsync(NoModel);

        File.Delete(Path.Combine(_folder, "appsettings.json"));
        File.WriteAllText(Path.Combine(_folder, ".env"), "# the store\nRag__Store=nowhere\n");
        var fromDotEnv = await SearchAsync(NoModel);
        var environmentWins = await SearchAsync(new Dictionary<string, string>(NoModel) { ["Rag__Store"] = "embedded" });

        Assert.Equal(1, fromJson.ExitCode);
        Assert.Contains("Rag:Store must be \"embedded\" or \"qdrant\"", fromJson.Error);
        Assert.Equal(1, fromDotEnv.ExitCode);
        Assert.Contains("Rag:Store must be \"embedded\" or \"qdrant\"", fromDotEnv.Error);
        Assert.Equal(0, environmentWins.ExitCode);
        Assert.Equal(0, environmentWins.Json.GetProperty("results").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_folder, "data", "index.db")), "the index is in --data-dir");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
