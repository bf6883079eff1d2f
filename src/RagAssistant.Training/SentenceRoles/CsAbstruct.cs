using System.Text.Json;
using RagAssistant.Core.Papers;

namespace RagAssistant.Training.SentenceRoles;

/// <summary>
/// CSAbstruct (Cohan et al., 2019): computer-science abstracts with every sentence labelled background, objective, method,
/// result or other; one JSON object a line, <c>{"abstract_id", "sentences": [...], "labels": [...]}</c>, split into
/// <c>train.jsonl</c>, <c>dev.jsonl</c> and <c>test.jsonl</c> (vendored under <c>eval/csabstruct</c>).
/// </summary>
public static class CsAbstruct
{
    public sealed record LabelledAbstract(IReadOnlyList<string> Sentences, IReadOnlyList<SentenceRole> Roles);

    /// <summary>One split; a line that is not an abstract with one known label per sentence is refused with its file and line.</summary>
    public static IReadOnlyList<LabelledAbstract> Load(string folder, string split)
    {
        var path = Path.Combine(folder, $"{split}.jsonl");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file (expected CSAbstruct's {split} split).", path);
        var abstracts = new List<LabelledAbstract>();
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line.Trim(), i + 1)))
        {
            if (line.Length == 0) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var sentences = Strings(json.RootElement, "sentences");
                var labels = Strings(json.RootElement, "labels");
                if (sentences.Count == 0 || sentences.Count != labels.Count)
                {
                    throw new InvalidDataException($"{path}:{number}: {sentences.Count} sentences but {labels.Count} labels.");
                }
                abstracts.Add(new LabelledAbstract(sentences, [.. labels.Select(label => Role(label, path, number))]));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path}:{number}: not a JSON object ({exception.Message}).", exception);
            }
        }
        return abstracts;
    }

    private static List<string> Strings(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(field, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(item => item.GetString() ?? "")]
            : [];

    private static SentenceRole Role(string label, string path, int line) =>
        Enum.TryParse<SentenceRole>(label, ignoreCase: true, out var role)
            ? role
            : throw new InvalidDataException($"{path}:{line}: field \"labels\" has \"{label}\", not one of {string.Join(", ", Enum.GetNames<SentenceRole>())}.");
}
