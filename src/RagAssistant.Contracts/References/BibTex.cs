using System.Globalization;
using System.Text;

namespace RagAssistant.Contracts;

/// <summary>
/// The reference list of an answer's cited papers as BibTeX, to paste into a LaTeX paper. Every paper is a <c>@misc</c>
/// entry (the index knows no venue) keyed <c>firstauthorYEARword</c> as Google Scholar keys them (<c>lo2020s2orc</c>),
/// so a key depends on the paper alone and stays the same between answers; a second paper with the same key in one list
/// gets <c>b</c>, <c>c</c>, … after it. An arXiv link gives <c>eprint</c> and <c>archivePrefix</c>; every link is in
/// <c>url</c>. Text fields escape TeX's special characters, so any title compiles; letters outside ASCII stay as they
/// are (BibTeX 0.99d, biber and bibtex8 read UTF-8).
/// </summary>
public static class BibTex
{
    private static readonly HashSet<string> LeadingWordsToSkip =
        ["a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from", "toward", "towards", "is", "are", "do", "does", "how", "what", "why", "when"];

    /// <summary>The entries of <paramref name="papers"/> in their order, separated by blank lines; empty when there are none.</summary>
    public static string Format(IEnumerable<AnswerSource> papers)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<string>();
        foreach (var paper in papers)
        {
            var key = Key(paper);
            var seen = used.GetValueOrDefault(key);
            used[key] = seen + 1;
            entries.Add(Entry(paper, seen == 0 ? key : key + (char)('a' + Math.Min(seen, 25))));
        }
        return string.Join("\n", entries);
    }

    /// <summary><c>firstauthorYEARword</c>: the first author's surname (<c>anon</c> when unknown), the year (<c>nd</c> when undated), the title's first telling word.</summary>
    public static string Key(AnswerSource paper)
    {
        var surname = paper.Authors is { Count: > 0 } authors ? KeyPart(Surname(authors[0])) : "";
        var year = paper.Date?.Year.ToString(CultureInfo.InvariantCulture) ?? "nd";
        var word = paper.Title.Split([' ', ':', '-', '—', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(KeyPart)
            .FirstOrDefault(part => part.Length > 0 && !LeadingWordsToSkip.Contains(part)) ?? "";
        return (surname.Length > 0 ? surname : "anon") + year + word;
    }

    /// <summary>The arXiv identifier in an arXiv link (abs or pdf, without its version), else null.</summary>
    public static string? ArxivIdOf(string? url) => ArxivLink.IdOf(url);

    private static string Entry(AnswerSource paper, string key)
    {
        var entry = new StringBuilder().Append("@misc{").Append(key).Append(",\n");
        // Double braces keep the title's capitals (BibTeX styles lower-case a title's words otherwise).
        Field(entry, "title", "{" + Escape(paper.Title) + "}");
        if (paper.Authors is { Count: > 0 } authors) Field(entry, "author", string.Join(" and ", authors.Select(name => Escape(Inverted(name)))));
        if (paper.Date is { } date) Field(entry, "year", date.Year.ToString(CultureInfo.InvariantCulture));
        if (ArxivIdOf(paper.Url) is { } eprint)
        {
            Field(entry, "eprint", eprint);
            Field(entry, "archivePrefix", "arXiv");
        }
        if (paper.Url is { Length: > 0 } url) Field(entry, "url", UrlSafe(url));
        return entry.Append("}\n").ToString();
    }

    private static void Field(StringBuilder entry, string name, string value) =>
        entry.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    /// <summary>TeX's ten special characters written so they print as themselves; braces in the result are always balanced.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '&' or '%' or '$' or '#' or '_' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '\n' or '\r' or '\t' => " ",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>"Lucy Lu Wang" as BibTeX reads it unambiguously, "Wang, Lucy Lu"; a single name stays as it is.</summary>
    private static string Inverted(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 2 ? name.Trim() : $"{parts[^1]}, {string.Join(' ', parts[..^1])}";
    }

    private static string Surname(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : "";

    /// <summary>Lower-case ASCII letters and digits of <paramref name="word"/>, accents dropped ("Färber" → "farber").</summary>
    private static string KeyPart(string word)
    {
        var part = new StringBuilder();
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) part.Append(char.ToLowerInvariant(c));
        }
        return part.ToString();
    }

    /// <summary>A link as a url field holds it: braces and backslashes (which no valid URL has unencoded) percent-encoded.</summary>
    private static string UrlSafe(string url) => url.Replace("\\", "%5C").Replace("{", "%7B").Replace("}", "%7D");
}
