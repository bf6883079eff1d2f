using System.CommandLine;

namespace RagAssistant.Cli;

/// <summary>Options every verb takes, mapped onto configuration keys.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (Rag:DataDir); holds the embedded index.",
        Recursive = true,
    };

    public static readonly Option<string?> Store = new("--store")
    {
        Description = "embedded (default, no server) or qdrant (Rag:Store).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object as the last line.",
        Recursive = true,
    };

    public static Dictionary<string, string?> Overrides(ParseResult parse) => new()
    {
        ["Rag:DataDir"] = parse.GetValue(DataDir),
        ["Rag:Store"] = parse.GetValue(Store)?.ToLowerInvariant() is { } store && store is not ("embedded" or "qdrant")
            ? throw new UsageException($"--store must be embedded or qdrant, not \"{store}\".")
            : parse.GetValue(Store)?.ToLowerInvariant(),
    };
}

/// <summary>A command line that parses but asks for something impossible; exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
