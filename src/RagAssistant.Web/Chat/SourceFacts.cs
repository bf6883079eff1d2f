using System.Globalization;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Chat;

/// <summary>The one-line description of a source under its title: "2024-08-20 · 6 authors".</summary>
public static class SourceFacts
{
    public static string Describe(AnswerSource source)
    {
        var facts = new List<string>(2)
        {
            source.Date?.ToString("MMM d, yyyy", CultureInfo.InvariantCulture) ?? "undated",
        };
        if (source.AuthorCount is { } authors) facts.Add(authors == 1 ? "1 author" : $"{authors} authors");
        return string.Join(" · ", facts);
    }
}
