namespace RagAssistant.Core.Retrieval;

/// <summary>The one wording of what a date filter left out: papers without a date are neither in nor out of a range.</summary>
public static class UndatedPapers
{
    /// <summary>The sentence to show beside results, or null when the filter left no undated paper out (or there was no filter).</summary>
    public static string? Notice(int? leftOut) => leftOut switch
    {
        null or <= 0 => null,
        1 => "1 paper without a date was left out by the date filter.",
        _ => $"{leftOut} papers without a date were left out by the date filter.",
    };
}
