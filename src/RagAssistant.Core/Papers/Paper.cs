namespace RagAssistant.Core.Papers;

/// <summary>A research paper as the index knows it: one per unique paper, whatever file it came from.</summary>
public sealed record Paper(
    string Id,
    string Title,
    string Abstract,
    DateOnly? Date,
    int? AuthorCount,
    int? Upvotes,
    string? Url,
    SourceLocation Source)
{
    /// <summary>Changes whenever anything that is embedded or shown changes; drives incremental indexing.</summary>
    public string ContentHash => PaperIdentity.Hash($"{Title}\n{Abstract}\n{Date}\n{AuthorCount}\n{Upvotes}\n{Url}");
}

/// <summary>Where an entry was read: the file and the 1-based line its title starts on.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
