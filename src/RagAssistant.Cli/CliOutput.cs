using RagAssistant.Contracts;
using System.Text.Json;
using Spectre.Console;

namespace RagAssistant.Cli;

internal static class CliOutput
{
    /// <summary>The machine-readable result: one line of JSON, always the last thing printed.</summary>
    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, WireJson.Options));

    public static void Error(string message) => Console.Error.WriteLine($"rag: {message}");

    /// <summary>Progress bars only for a person at a terminal; scripts and --json get clean output.</summary>
    public static bool Interactive(bool json) => !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static string Escape(string text) => Markup.Escape(text);
}
