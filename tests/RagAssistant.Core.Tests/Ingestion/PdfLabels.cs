using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagAssistant.Core.Tests.Ingestion;

/// <summary>eval/pdf-labels.json: what a person read off each committed paper, and what each hostile file must be refused for.</summary>
internal sealed record PdfLabels(
    [property: JsonPropertyName("papers")] IReadOnlyList<PdfLabel> Papers,
    [property: JsonPropertyName("hostile")] IReadOnlyList<HostilePdf> Hostile)
{
    public static PdfLabels Load() =>
        JsonSerializer.Deserialize<PdfLabels>(File.ReadAllText(Path.Combine(TestRepository.Root, "eval", "pdf-labels.json")))!;

    public static IEnumerable<object[]> PaperFiles => Load().Papers.Select(paper => new object[] { paper.File });

    public static IEnumerable<object[]> HostileFiles => Load().Hostile.Select(file => new object[] { file.File, file.Error });
}

internal sealed record PdfLabel(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("abstract_first_sentence")] string AbstractFirstSentence,
    [property: JsonPropertyName("author_surnames")] IReadOnlyList<string> AuthorSurnames,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("headings")] IReadOnlyList<string> Headings);

internal sealed record HostilePdf(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("error")] string Error);
