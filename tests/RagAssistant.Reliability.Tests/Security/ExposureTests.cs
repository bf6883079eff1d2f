using System.Text.Json;
using System.Text.RegularExpressions;
using RagAssistant.Cli.Tests;

namespace RagAssistant.Reliability.Tests.Security;

/// <summary>What ships in the repository: loopback-only binding by default, no secrets in examples or settings.</summary>
public sealed partial class ExposureTests
{
    [GeneratedRegex("^(?<key>[A-Za-z0-9_]+)=(?<value>.*)$")]
    private static partial Regex Assignment();

    [Fact]
    public void The_web_app_binds_to_127_0_0_1_unless_configured_otherwise()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RagCli.RepositoryRoot, "src", "RagAssistant.Web", "appsettings.json"))).RootElement;
        var urls = settings.GetProperty("Urls").GetString()!.Split(';');
        Assert.All(urls, url => Assert.Equal("127.0.0.1", new Uri(url).Host));

        var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(RagCli.RepositoryRoot, "src", "RagAssistant.Web", "Properties", "launchSettings.json"))).RootElement;
        foreach (var profile in launch.GetProperty("profiles").EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("applicationUrl", out var applicationUrl)) continue;
            Assert.All(applicationUrl.GetString()!.Split(';'), url => Assert.Equal("127.0.0.1", new Uri(url).Host));
        }
    }

    [Fact]
    public void The_env_example_holds_placeholders_only_and_env_files_are_not_committed()
    {
        var lines = File.ReadAllLines(Path.Combine(RagCli.RepositoryRoot, ".env.example"));
        var secrets = lines.Select(line => Assignment().Match(line.TrimStart('#', ' ')))
            .Where(match => match.Success && Regex.IsMatch(match.Groups["key"].Value, "KEY|SECRET|TOKEN|PASSWORD", RegexOptions.IgnoreCase))
            .Select(match => (Key: match.Groups["key"].Value, Value: match.Groups["value"].Value.Trim()))
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.True(secret.Value is "" or "change-me" || secret.Value.StartsWith('<'),
            $"{secret.Key} in .env.example must be empty or a placeholder, not \"{secret.Value}\""));
        Assert.Contains(File.ReadAllLines(Path.Combine(RagCli.RepositoryRoot, ".gitignore")), line => line.Trim() is ".env" or "/.env" or ".env*");
    }

    [Fact]
    public void The_shipped_settings_hold_no_keys_and_keep_request_logging_off()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RagCli.RepositoryRoot, "src", "RagAssistant.Web", "appsettings.json"))).RootElement;
        foreach (var section in new[] { "Rag", "Chat", "Qdrant", "Embeddings" })
        {
            if (!settings.TryGetProperty(section, out var values)) continue;
            Assert.False(values.TryGetProperty("ApiKey", out var key) && !string.IsNullOrEmpty(key.GetString()), $"{section}:ApiKey must come from the environment or .env, not appsettings.json");
        }
        // Request lines (which hold a hub client's access_token) are logged by ASP.NET Core at Information: kept off.
        Assert.Equal("Warning", settings.GetProperty("Logging").GetProperty("LogLevel").GetProperty("Microsoft.AspNetCore").GetString());
    }
}
