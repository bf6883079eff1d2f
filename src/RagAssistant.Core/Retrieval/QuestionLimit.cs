using System.Globalization;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// How long a question or search query may be, on every surface that takes one (REST, the hub, the page, MCP), so all
/// of them refuse the same input in the same words before anything is embedded.
/// </summary>
public static class QuestionLimit
{
    /// <summary>Long enough for any real question; longer input is a mistake or abuse, not a question.</summary>
    public const int MaxLength = 2000;

    /// <summary>Why this text cannot be asked or searched (<paramref name="noun"/>: "question", "query"), or null when it can.</summary>
    public static string? Problem(string? text, string noun = "question") =>
        string.IsNullOrWhiteSpace(text) ? $"The {noun} is empty."
        : text.Length > MaxLength ? string.Create(CultureInfo.InvariantCulture, $"The {noun} is longer than {MaxLength} characters.")
        : null;
}
