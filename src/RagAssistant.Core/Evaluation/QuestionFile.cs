using System.Text.Json;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Questions kept as JSON Lines, one <c>{"question": "…", "why": "…"}</c> a line (blank lines and lines starting
/// with <c>//</c> skipped); a bad line is refused with its file and line.
/// </summary>
public static class QuestionFile
{
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        var questions = new List<string>();
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var question = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("question", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
                if (string.IsNullOrWhiteSpace(question)) throw new InvalidDataException($"{path}:{number}: field \"question\" is missing or empty.");
                questions.Add(question.Trim());
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path}:{number}: not a JSON object ({exception.Message}).", exception);
            }
        }
        return questions;
    }
}
