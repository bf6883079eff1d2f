using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RagAssistant.Core.Papers;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// The payload of every point: the chunk, plus the whole paper's fields, so that any hit rebuilds
/// its <see cref="Paper"/> without a second request. <see cref="Date"/> is "yyyy-MM-dd", which
/// Qdrant's datetime index also range-filters.
/// </summary>
internal sealed record ChunkPayload(
    string PaperId,
    int Ordinal,
    string Title,
    string Body,
    string Abstract,
    string? Date,
    int? AuthorCount,
    int? Upvotes,
    string? Url,
    string SourceFile,
    int SourceLine,
    string ContentHash)
{
    public const string PaperIdField = "paper_id";
    public const string OrdinalField = "ordinal";
    public const string DateField = "date";
    public const string ContentHashField = "content_hash";

    private const string DateFormat = "yyyy-MM-dd";

    public static ChunkPayload From(Paper paper, Chunk chunk) => new(
        paper.Id,
        chunk.Ordinal,
        chunk.Title,
        chunk.Body,
        paper.Abstract,
        FormatDate(paper.Date),
        paper.AuthorCount,
        paper.Upvotes,
        paper.Url,
        paper.Source.File,
        paper.Source.Line,
        paper.ContentHash);

    public static ChunkPayload Read(JsonObject? payload) =>
        payload?.Deserialize<ChunkPayload>(QdrantJson.Options) ?? throw new InvalidDataException("A Qdrant point has no paper payload.");

    public static string? FormatDate(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, QdrantJson.Options)!.AsObject();

    /// <summary>The paper title is the chunk's title: every chunk is titled with its paper's.</summary>
    public Paper ToPaper() => new(
        PaperId,
        Title,
        Abstract,
        Date is null ? null : DateOnly.ParseExact(Date, DateFormat, CultureInfo.InvariantCulture),
        AuthorCount,
        Upvotes,
        Url,
        new SourceLocation(SourceFile, SourceLine));
}
