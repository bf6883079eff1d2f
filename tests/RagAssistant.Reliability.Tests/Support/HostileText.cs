using System.Text;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>
/// Random text of the kinds that break text handling, 0 to 3,000 UTF-16 units: control characters (NUL included),
/// combining marks with nothing to combine with, halves of surrogate pairs, direction controls and marks, zero-width
/// and other invisible characters, unusual spaces, noncharacters, and — in some cases only — letters and digits of
/// several scripts, astral ones included. Half the cases draw from the hostile kinds alone, so many have no letter or
/// digit at all. Reproducible from its seed.
/// </summary>
internal sealed class HostileText(int seed)
{
    private static readonly Func<Random, string>[] Hostile =
    [
        r => ((char)(r.Next(3) == 0 ? r.Next(0x7F, 0xA0) : r.Next(0, 0x20))).ToString(),
        r => ((char)Pick(r, (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x20D0, 0x20F0), (0xFE20, 0xFE2F))).ToString(),
        r => ((char)r.Next(0xD800, 0xE000)).ToString(),
        r => ((char)Pick(r, (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0x061C, 0x061C))).ToString(),
        r => ((char)Pick(r, (0x200B, 0x200D), (0x2060, 0x2064), (0xFEFF, 0xFEFF), (0x00AD, 0x00AD), (0x180E, 0x180E))).ToString(),
        r => ((char)Pick(r, (0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x2000, 0x200A), (0x2028, 0x2029), (0x3000, 0x3000))).ToString(),
        r => r.Next(4) == 0 ? char.ConvertFromUtf32(0x1FFFE) : ((char)Pick(r, (0xFFFE, 0xFFFF), (0xFDD0, 0xFDEF), (0xFFFD, 0xFFFD))).ToString(),
        r => "!?.,;:'\"()[]{}<>/\\|@#$%^&*-_=+~`"[r.Next(32)].ToString(),
        r => char.ConvertFromUtf32(Pick(r, (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF))),
    ];

    private static readonly Func<Random, string>[] Readable =
    [
        r => ((char)Pick(r, (0x61, 0x7A), (0x41, 0x5A))).ToString(),
        r => ((char)Pick(r, (0x03B1, 0x03C9), (0x0430, 0x044F), (0x05D0, 0x05EA), (0x0627, 0x064A), (0x0905, 0x0939), (0x4E00, 0x9FFF))).ToString(),
        r => ((char)Pick(r, (0x30, 0x39), (0x0660, 0x0669), (0xFF10, 0xFF19))).ToString(),
        r => char.ConvertFromUtf32(Pick(r, (0x10400, 0x1044F), (0x1D400, 0x1D433))),
    ];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var length = _random.Next(10) switch
        {
            < 6 => _random.Next(0, 21),
            < 9 => _random.Next(20, 301),
            _ => _random.Next(300, 3001),
        };
        var pools = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Hostile[_random.Next(Hostile.Length)]).ToList();
        if (_random.Next(2) == 0) pools.Add(Readable[_random.Next(Readable.Length)]);
        var text = new StringBuilder(length + 2);
        while (text.Length < length) text.Append(pools[_random.Next(pools.Count)](_random));
        // Cut at the length even inside a surrogate pair: that is one more way to send half of one.
        return text.ToString(0, length);
    }

    private static int Pick(Random random, params (int First, int Last)[] ranges)
    {
        var (first, last) = ranges[random.Next(ranges.Length)];
        return random.Next(first, last + 1);
    }
}
