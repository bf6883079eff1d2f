using System.Text.RegularExpressions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// What a scripted model reads back from the paper tools or a sources block: each paper's number, title, id (tool
/// results only) and text — so the script can choose what to read and cite as a model would, from what it was given.
/// </summary>
internal sealed partial record ToolResultPaper(int N, string Title, string? PaperId, string Text)
{
    // "[3] Title (2024-05-01)", an optional "paper_id: …" line, then the text up to the next paper or the block's end.
    [GeneratedRegex(@"^\[(\d+)\] ([^\n]+) \((?:\d{4}-\d{2}-\d{2}|undated)\)\n(?:paper_id: (\S+)\n)?(.*?)(?=\n\n\[\d+\] |\nEND SOURCES|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Paper();

    public static IReadOnlyList<ToolResultPaper> Parse(string text) =>
        [.. Paper().Matches(text.Replace("\r\n", "\n")).Select(match => new ToolResultPaper(
            int.Parse(match.Groups[1].Value), match.Groups[2].Value, match.Groups[3].Success ? match.Groups[3].Value : null, match.Groups[4].Value.Trim()))];

    /// <summary>The first sentence of the text, as a model would quote it.</summary>
    public string FirstSentence => Text.Split(". ", 2)[0].TrimEnd('.') + ".";
}
