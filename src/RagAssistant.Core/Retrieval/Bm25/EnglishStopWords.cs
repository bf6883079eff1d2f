namespace RagAssistant.Core.Retrieval.Bm25;

/// <summary>Lucene's English stop words: words that carry no topic, dropped from documents and queries alike.</summary>
internal static class EnglishStopWords
{
    private static readonly HashSet<string> Words =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with",
    ];

    public static bool Contains(string word) => Words.Contains(word);
}
