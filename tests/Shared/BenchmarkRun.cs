using System.Globalization;

namespace RagAssistant.Tests;

/// <summary>What the opt-in benchmark runs (<c>dotnet run --project tests/… -- bench|load</c>) share: reading their options and their percentiles.</summary>
internal static class BenchmarkRun
{
    /// <summary>The integer after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="share"/> of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> values, double share)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
