namespace RagAssistant.Core.Tests;

/// <summary>Paths to the shared sample data, which is read in place and never copied into the repository.</summary>
internal static class SampleData
{
    public static string DailyPapers => TestRepository.Shared("corpus", "hf-daily-papers");

    public static string SciFact => TestRepository.Shared("eval", "scifact");
}
