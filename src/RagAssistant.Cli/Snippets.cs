namespace RagAssistant.Cli;

internal static class Snippets
{
    /// <summary>About two lines of text, cut at a word.</summary>
    public static string Shorten(string text, int length = 240)
    {
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > 0 ? cut : length)] + " …";
    }
}
