using Microsoft.SemanticKernel;

namespace RagAssistant.Core.Orchestration.Prompts;

/// <summary>
/// The prompt functions in <c>prompts/&lt;Function&gt;/</c> (<c>skprompt.txt</c> + <c>config.json</c>), loaded
/// once as the Semantic Kernel plugin <see cref="PluginName"/>. The build copies <c>prompts/</c> next to every
/// program that references Core; a configured folder, then the checkout's own, are the fall-backs.
/// </summary>
public sealed class PromptLibrary
{
    public const string PluginName = "assistant";
    public const string FolderName = "prompts";

    public PromptLibrary(string? configuredFolder = null)
    {
        Folder = Locate(configuredFolder);
        Plugin = new Kernel().CreatePluginFromPromptDirectory(Folder, PluginName);
        Answer = Function("Answer");
        Summarize = Function("Summarize");
        CondenseFollowUp = Function("CondenseFollowUp");
        ResearchAgent = Function("ResearchAgent");
        WeighEvidence = Function("WeighEvidence");
    }

    public string Folder { get; }

    public KernelPlugin Plugin { get; }

    /// <summary>Answers a question from numbered sources, citing them as [n].</summary>
    public KernelFunction Answer { get; }

    /// <summary>A literature summary of the sources, grouped by theme, with the reference list.</summary>
    public KernelFunction Summarize { get; }

    /// <summary>Rewrites a follow-up as a standalone search query.</summary>
    public KernelFunction CondenseFollowUp { get; }

    /// <summary>Agent mode: answers with the paper tools offered, citing what they returned.</summary>
    public KernelFunction ResearchAgent { get; }

    /// <summary>The evidence step: scores every candidate 0–10 for the question, one line each.</summary>
    public KernelFunction WeighEvidence { get; }

    private KernelFunction Function(string name) =>
        Plugin.TryGetFunction(name, out var function)
            ? function
            : throw new InvalidOperationException($"The prompt function {name} is missing from {Folder} (expected {name}/skprompt.txt and config.json).");

    private static string Locate(string? configuredFolder)
    {
        var candidates = string.IsNullOrWhiteSpace(configuredFolder)
            ? new[] { Path.Combine(AppContext.BaseDirectory, FolderName) }
            : [Path.GetFullPath(configuredFolder)];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException($"No prompt folder found (looked in {string.Join(", ", candidates)}); set Chat:PromptsDir.");
    }
}
