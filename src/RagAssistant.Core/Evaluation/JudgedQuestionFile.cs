using System.Text.Json;

namespace RagAssistant.Core.Evaluation;

/// <summary>What a judged question asks: a paper it names, a paper it describes, every paper on a topic, or nothing indexed.</summary>
public enum QuestionKind { Named, Paper, Topic, Unanswerable }

/// <summary>A question with the papers that answer it (none for an unanswerable one).</summary>
public sealed record JudgedQuestion(string Question, QuestionKind Kind, IReadOnlySet<string> Relevant);

/// <summary>
/// Judged questions kept as JSON Lines, one <c>{"question", "kind", "relevant": [paper ids], "why"}</c> a line (blank
/// lines and lines starting with <c>//</c> skipped); a bad line is refused with its file, line and field.
/// </summary>
public static class JudgedQuestionFile
{
    public static IReadOnlyList<JudgedQuestion> Load(string path)
    {
        var questions = new List<JudgedQuestion>();
        foreach (var (root, number) in JsonLinesFile.Read(path))
        {
            var question = JsonLinesFile.Text(root, "question", path, number);
            var kind = Enum.TryParse<QuestionKind>(JsonLinesFile.Text(root, "kind", path, number), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidDataException($"{path}:{number}: field \"kind\" must be named, paper, topic or unanswerable.");
            var relevant = root.TryGetProperty("relevant", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : "").Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal)
                : throw new InvalidDataException($"{path}:{number}: field \"relevant\" must be an array of paper ids.");
            if ((kind == QuestionKind.Unanswerable) != (relevant.Count == 0))
            {
                throw new InvalidDataException($"{path}:{number}: field \"relevant\" must be empty exactly when the question is unanswerable.");
            }
            questions.Add(new JudgedQuestion(question, kind, relevant));
        }
        return questions;
    }
}
