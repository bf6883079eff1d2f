namespace RagAssistant.Tests;

/// <summary>Where tests find the checkout and the data it ships (sample pages, SciFact), read in place and never copied.</summary>
internal static class TestRepository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The four saved Daily Papers pages the app indexes on first start (303 unique papers).</summary>
    public static string SamplePapers => Path.Combine(Root, "samples", "hf-daily-papers");

    /// <summary>Three openly licensed papers as PDFs and, under hostile/, four files that are not papers (their labels: eval/pdf-labels.json).</summary>
    public static string PdfPapers => Path.Combine(Root, "samples", "pdf");

    /// <summary>SciFact in BEIR layout: corpus.jsonl and the train split.</summary>
    public static string SciFact => Path.Combine(Root, "eval", "scifact");

    /// <summary>SciFact's 5,183 abstracts, one JSON object a line.</summary>
    public static string SciFactCorpus => Path.Combine(SciFact, "corpus.jsonl");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RagAssistant.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds RagAssistant.sln.");
    }
}
