namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Questions kept as JSON Lines, one <c>{"question": "…", "why": "…"}</c> a line (blank lines and lines starting
/// with <c>//</c> skipped); a bad line is refused with its file and line.
/// </summary>
public static class QuestionFile
{
    public static IReadOnlyList<string> Load(string path) =>
        [.. JsonLinesFile.Read(path).Select(line => JsonLinesFile.Text(line.Root, "question", path, line.Number))];
}
