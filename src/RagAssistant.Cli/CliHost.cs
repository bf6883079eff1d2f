using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagAssistant.Hosting;

namespace RagAssistant.Cli;

/// <summary>
/// The CLI's host: the product's one composition (<see cref="RagAssistantComposition.AddRagAssistant"/>) over the
/// usual sources — appsettings.json in the current directory, .env, environment variables with <c>__</c> — plus the
/// command line's own overrides. Settings are checked before any work.
/// </summary>
internal static class CliHost
{
    public static IHost Build(IDictionary<string, string?> overrides)
    {
        // No Args: System.CommandLine owns the command line; its options arrive as overrides.
        var settings = new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory(), Configuration = new ConfigurationManager() };
        // One command reads its settings once; watching appsettings.json for changes would only cost a file watcher.
        settings.Configuration["hostBuilder:reloadConfigOnChange"] = "false";
        var builder = Host.CreateApplicationBuilder(settings);
        // Standard output carries the results (and --json's last line), so the framework's logs stay off.
        builder.Logging.ClearProviders();
        builder.AddRagAssistant();
        builder.Configuration.AddInMemoryCollection(overrides.Where(pair => pair.Value is not null));

        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }
}
