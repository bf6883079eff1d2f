using System.Text;

namespace RagAssistant.Reliability.Tests.Fuzz;

/// <summary>
/// Makes hostile variants of real input: lines dropped, repeated, swapped, cut, spliced with control characters,
/// lone surrogates, bidi overrides, huge numbers and very long runs; and JSON with wrong types, deep nesting and
/// broken syntax. Deterministic for a seed, so a failure can be replayed.
/// </summary>
internal sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Nasty =
    [
        "\0", "\uFEFF", "\u202E", "\u200B", "\u200D", "\uD800", "\uDC00", "\r", "\t", "\u2028", "\u0085", "·", "•", "• ", "\u00A0",
        "Subscribe", "Daily Papers", "Aug 20, 2024", "Apr 25", "Sep 6, 2024 2", "Feb 30, 2024", "Dec 99", "Jan 1, 99999",
        "• 2147483648 authors", "• -1 authors", "• 0 authors", "· Sep 6, 2024 99999999999999999999", "𝕏", "👩‍🔬", "שלום", "مرحبا",
        "{", "}", "[", "]", "\"", "\\", "\\u0000", "\\uD800", "null", "1e999", "-0", "NaN", "[1]", "<script>alert(1)</script>",
    ];

    public int Next(int max) => _random.Next(max);

    public IReadOnlyList<string> Mutate(IReadOnlyList<string> lines)
    {
        var result = lines.ToList();
        var rounds = 1 + _random.Next(6);
        for (var round = 0; round < rounds; round++)
        {
            if (result.Count == 0) result.Add(string.Empty);
            var at = _random.Next(result.Count);
            switch (_random.Next(11))
            {
                case 0: result.RemoveAt(at); break;
                case 1: result.Insert(at, result[at]); break;
                case 2:
                    var other = _random.Next(result.Count);
                    (result[at], result[other]) = (result[other], result[at]);
                    break;
                case 3: result[at] = result[at][.._random.Next(result[at].Length + 1)]; break;
                case 4: result[at] = Splice(result[at], Pick()); break;
                case 5: result.Insert(at, Pick()); break;
                case 6: result[at] = new string(result[at].Reverse().ToArray()); break;
                case 7: result.Insert(at, new string((char)('a' + _random.Next(26)), 1 + _random.Next(200_000))); break;
                case 8: result[at] = RandomText(1 + _random.Next(80)); break;
                case 9: result.InsertRange(at, Enumerable.Repeat(string.Empty, 1 + _random.Next(5))); break;
                default: result[at] = result[at].ToUpperInvariant(); break;
            }
        }
        return result;
    }

    public string MutateJson(string line)
    {
        switch (_random.Next(10))
        {
            case 0: return Splice(line, Pick());
            case 1: return line[.._random.Next(line.Length + 1)];
            case 2: return new string('[', 1 + _random.Next(5000)) + new string(']', _random.Next(5000));
            case 3: return line.Replace("\"title\"", "\"title\": 5, \"x\"", StringComparison.Ordinal);
            case 4: return line.Replace("\"text\"", "\"text\": {\"a\": [1, 2]}, \"y\"", StringComparison.Ordinal);
            case 5: return $"{{\"title\": {Json(RandomText(20))}, \"abstract\": {Json(RandomText(60))}, \"date\": {Json(Pick())}, \"authors\": {AuthorsValue()}, \"url\": {Json(Pick())}}}";
            case 6: return $"{{\"_id\": {(_random.Next(2) == 0 ? "12345678901234567890" : Json(RandomText(5)))}, \"title\": {Json(Pick())}, \"text\": {Json(Pick() + RandomText(10))}}}";
            case 7: return line + line;
            case 8: return $"{{\"title\": \"{Pick()}\", \"abstract\": \"{Pick()}\"}}";
            default: return RandomText(_random.Next(200));
        }
    }

    private string AuthorsValue() => _random.Next(5) switch
    {
        0 => "[\"A\", 3, null, {\"x\": 1}]",
        1 => "-7",
        2 => "1e400",
        3 => "\"many\"",
        _ => "2147483648",
    };

    private string Pick() => Nasty[_random.Next(Nasty.Length)];

    private string Splice(string text, string insert)
    {
        var at = _random.Next(text.Length + 1);
        return text[..at] + insert + text[at..];
    }

    /// <summary>Any UTF-16 code units, lone surrogates and controls included.</summary>
    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0x20),
                1 => (char)_random.Next(0x20, 0x7F),
                2 => Pick(),
                _ => (char)_random.Next(0xFFFF),
            });
        }
        return builder.ToString();
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
