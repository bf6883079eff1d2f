namespace RagAssistant.Cli.Tests;

/// <summary>A small BEIR-layout copy of SciFact in a temporary folder, for commands that index a corpus of their own.</summary>
internal static class SciFactSlice
{
    /// <summary>The first 60 abstracts and the first 20 training questions (21 qrels lines: header and 20 judgements).</summary>
    public static string Create()
    {
        var directory = Directory.CreateTempSubdirectory("rag-scifact-slice-").FullName;
        var source = TestRepository.SciFact;
        Directory.CreateDirectory(Path.Combine(directory, "train"));
        File.WriteAllLines(Path.Combine(directory, "corpus.jsonl"), File.ReadLines(Path.Combine(source, "corpus.jsonl")).Take(60));
        File.WriteAllLines(Path.Combine(directory, "train", "queries.jsonl"), File.ReadLines(Path.Combine(source, "train", "queries.jsonl")).Take(20));
        File.WriteAllLines(Path.Combine(directory, "train", "qrels.tsv"), File.ReadLines(Path.Combine(source, "train", "qrels.tsv")).Take(21));
        return directory;
    }
}
