using System.Text;

namespace RagAssistant.Core.Tests.References;

/// <summary>
/// A strict reader of the BibTeX this project writes, to round-trip it. It refuses what BibTeX or LaTeX would choke on
/// or print wrongly: unbalanced braces, a bare TeX special character (<c>&amp; % $ # _ ~ ^</c>) or an unknown control
/// sequence in a text field, a key of anything but lower-case letters and digits, a field without braces, a missing
/// comma. Grammar:
/// <code>
/// file   := ws (entry ws)*
/// entry  := '@' [a-z]+ '{' key ',' (ws field ',')* ws '}'
/// field  := [a-zA-Z]+ ws '=' ws '{' value '}'
/// value  := (char | '{' value '}' | '\' escape)*      -- url: any character but braces and backslash
/// escape := [{}&amp;%$#_] | 'textbackslash{}' | 'textasciitilde{}' | 'textasciicircum{}'
/// </code>
/// Values come back decoded: escapes as the characters they print, brace groups as their content.
/// </summary>
internal sealed class BibTexGrammar(string text)
{
    private const string Specials = "&%$#_~^";
    private static readonly (string Command, char Prints)[] Words = [("textbackslash{}", '\\'), ("textasciitilde{}", '~'), ("textasciicircum{}", '^')];

    private int _at;

    public sealed record Entry(string Type, string Key, IReadOnlyDictionary<string, string> Fields);

    public static IReadOnlyList<Entry> Parse(string text) => new BibTexGrammar(text).File();

    private List<Entry> File()
    {
        var entries = new List<Entry>();
        SkipSpace();
        while (_at < text.Length)
        {
            entries.Add(ReadEntry());
            SkipSpace();
        }
        return entries;
    }

    private Entry ReadEntry()
    {
        Expect('@');
        var type = While(c => c is >= 'a' and <= 'z');
        Expect('{');
        var key = While(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');
        if (key.Length == 0) Fail("a key of lower-case letters and digits");
        Expect(',');
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
                return new Entry(type, key, fields);
            }
            var name = While(char.IsAsciiLetter);
            if (name.Length == 0) Fail("a field name");
            SkipSpace();
            Expect('=');
            SkipSpace();
            Expect('{');
            var value = Value(verbatim: name == "url");
            Expect('}');
            Expect(',');
            if (!fields.TryAdd(name, value)) Fail($"one {name} field");
        }
    }

    private string Value(bool verbatim)
    {
        var value = new StringBuilder();
        while (Peek() is var c && c != '}')
        {
            _at++;
            if (c == '{')
            {
                value.Append(Value(verbatim));
                Expect('}');
            }
            else if (verbatim)
            {
                if (c == '\\') Fail("no backslash in a url");
                value.Append(c);
            }
            else if (c == '\\')
            {
                value.Append(Escape());
            }
            else if (Specials.Contains(c))
            {
                Fail($"'{c}' escaped");
            }
            else
            {
                value.Append(c);
            }
        }
        return value.ToString();
    }

    private char Escape()
    {
        var c = Peek();
        if ("{}&%$#_".Contains(c))
        {
            _at++;
            return c;
        }
        foreach (var (command, prints) in Words)
        {
            if (string.CompareOrdinal(text, _at, command, 0, command.Length) == 0)
            {
                _at += command.Length;
                return prints;
            }
        }
        return Fail<char>("a known escape");
    }

    private char Peek() => _at < text.Length ? text[_at] : Fail<char>("more text");

    private void Expect(char c)
    {
        if (Peek() != c) Fail($"'{c}'");
        _at++;
    }

    private string While(Func<char, bool> accept)
    {
        var start = _at;
        while (_at < text.Length && accept(text[_at])) _at++;
        return text[start.._at];
    }

    private void SkipSpace() => While(char.IsWhiteSpace);

    private void Fail(string expected) => Fail<bool>(expected);

    private T Fail<T>(string expected) =>
        throw new FormatException($"BibTeX at offset {_at}: expected {expected}, found \"{text[_at..Math.Min(text.Length, _at + 20)]}\"");
}
