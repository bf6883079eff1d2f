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
    /// <summary>The authors' names in order, when the source gives them (a PDF, JSON Lines with a list); empty otherwise.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>How many pages the paper's full text has; null for a paper known by its abstract only.</summary>
    public int? Pages { get; init; }

    /// <summary>The full text, while the paper is on its way from its PDF to the index; never read back from a store.</summary>
    public PaperBody? Body { get; init; }

    public bool HasFullText => Pages is not null;

    /// <summary>Changes whenever anything that is embedded or shown changes; drives incremental indexing.</summary>
    public string ContentHash => PaperIdentity.Hash(
        $"{Title}\n{Abstract}\n{Date}\n{AuthorCount}\n{Upvotes}\n{Url}" +
        // Only papers that have them hash these, so a paper known by its abstract keeps the hash it always had.
        (Authors.Count > 0 ? $"\n{string.Join("; ", Authors)}" : "") +
        (Body is not null ? $"\n{Pages}\n{Body.Fingerprint}" : ""));
}

/// <summary>Where an entry was read: the file and the 1-based line its title starts on (1 for a PDF).</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
