using System.Diagnostics;
using System.Text;
using RagAssistant.Core.Ingestion;
using RagAssistant.Cli.Tests;
using RagAssistant.Reliability.Tests.Support;

namespace RagAssistant.Reliability.Tests.Fuzz;

/// <summary>
/// Thousands of random and mutated Daily Papers pages and JSON Lines through the parsers and the file reader: no case
/// may throw, hang or yield a paper without an id, title or abstract. The seed is printed; RAG_FUZZ_SEED replays it.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Far above what one case takes (well under a millisecond); only a parser stuck in a loop reaches it.</summary>
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static readonly DateOnly SavedOn = new(2024, 9, 10);

    private readonly string _files = Directory.CreateTempSubdirectory("rag-fuzz-").FullName;

    [Fact]
    public async Task Mutated_Daily_Papers_pages_never_throw_or_hang_and_every_paper_is_whole()
    {
        var seed = Budget.FuzzSeed;
        output.WriteLine($"seed {seed} (RAG_FUZZ_SEED={seed} replays it), {Budget.FuzzCases} cases");
        var pages = SamplePages();
        var mutator = new Mutator(seed);
        var papers = 0;
        for (var i = 0; i < Budget.FuzzCases; i++)
        {
            var page = pages[mutator.Next(pages.Count)];
            var lines = mutator.Mutate(Window(page, mutator));
            var parsed = await WithinAsync(() => DailyPapersPageParser.Parse($"case-{i}.txt", lines, SavedOn), seed, i);
            AssertWhole(parsed, lines.Count, seed, i);
            // Ids are stable: the same input gives the same papers.
            Assert.Equal(parsed.Entries.Select(p => p.Id), DailyPapersPageParser.Parse($"case-{i}.txt", lines, SavedOn).Entries.Select(p => p.Id));
            papers += parsed.Entries.Count;
        }
        output.WriteLine($"{papers} papers parsed from {Budget.FuzzCases} mutated pages");
        Assert.True(papers > 0, "the mutations should leave many pages still readable");
    }

    [Fact]
    public async Task Mutated_JSON_Lines_never_throw_or_hang_and_bad_lines_are_reported_with_their_number()
    {
        var seed = Budget.FuzzSeed;
        output.WriteLine($"seed {seed}, {Budget.FuzzCases} cases");
        var corpus = File.ReadLines(TestRepository.SciFactCorpus).Take(200).ToList();
        var mutator = new Mutator(seed);
        int papers = 0, errors = 0;
        for (var i = 0; i < Budget.FuzzCases; i++)
        {
            var lines = Enumerable.Range(0, 1 + mutator.Next(8))
                .Select(_ => corpus[mutator.Next(corpus.Count)])
                .Select(line => mutator.Next(3) == 0 ? line : mutator.MutateJson(line))
                .ToList();
            var parsed = await WithinAsync(() => JsonLinesPaperParser.Parse($"case-{i}.jsonl", lines), seed, i);
            AssertWhole(parsed, lines.Count, seed, i);
            // Every non-blank line is either a paper or an error, never silently lost.
            Assert.Equal(lines.Count(line => !string.IsNullOrWhiteSpace(line)), parsed.Entries.Count + parsed.Errors.Count);
            papers += parsed.Entries.Count;
            errors += parsed.Errors.Count;
        }
        output.WriteLine($"{papers} papers and {errors} reported lines");
        Assert.True(papers > 0 && errors > 0, "the cases should mix readable and broken lines");
    }

    [Fact]
    public async Task Random_bytes_and_mutated_files_through_the_file_reader_never_throw_or_hang()
    {
        var seed = Budget.FuzzSeed;
        output.WriteLine($"seed {seed}, {Budget.FuzzFiles} files");
        var pages = SamplePages();
        var mutator = new Mutator(seed);
        var random = new Random(seed);
        var reader = new PaperFileReader(maxFileBytes: 256 * 1024);
        for (var i = 0; i < Budget.FuzzFiles; i++)
        {
            var extension = new[] { ".txt", ".jsonl", ".json", ".ndjson" }[random.Next(4)];
            var path = Path.Combine(_files, $"case-{i}{extension}");
            var bytes = random.Next(4) switch
            {
                0 => RandomBytes(random, random.Next(4096)),
                1 => Encoding.UTF8.GetBytes(string.Join('\n', mutator.Mutate(Window(pages[random.Next(pages.Count)], mutator)))),
                2 => Encoding.UTF8.GetBytes(mutator.MutateJson("""{"title": "A", "abstract": "B."}""")),
                _ => [.. Encoding.UTF8.GetPreamble(), .. RandomBytes(random, random.Next(300_000))],
            };
            await File.WriteAllBytesAsync(path, bytes);
            var parsed = await WithinAsync(() => reader.ReadFile(path), seed, i);
            AssertWhole(parsed, int.MaxValue, seed, i);
        }
        // The whole folder at once: merging and de-duplicating the survivors must hold as well.
        var all = await WithinAsync(() => reader.Read([_files]), seed, -1);
        Assert.Equal(Budget.FuzzFiles, all.Files);
        Assert.Equal(all.Papers.Count, all.Papers.Select(paper => paper.Id).Distinct().Count());
    }

    private static async Task<T> WithinAsync<T>(Func<T> parse, int seed, int @case)
    {
        var work = Task.Run(parse);
        try
        {
            return await work.WaitAsync(PerCase);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"case {@case} of seed {seed} did not finish within {PerCase} (a hang)");
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"case {@case} of seed {seed} threw {exception}");
        }
    }

    private static void AssertWhole(ParsedFile parsed, int lineCount, int seed, int @case)
    {
        foreach (var paper in parsed.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(paper.Id), $"case {@case} of seed {seed}: a paper without an id");
            Assert.False(string.IsNullOrWhiteSpace(paper.Title), $"case {@case} of seed {seed}: a paper without a title");
            Assert.False(string.IsNullOrWhiteSpace(paper.Abstract), $"case {@case} of seed {seed}: a paper without an abstract");
        }
        foreach (var error in parsed.Errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"case {@case} of seed {seed}: an error without a message");
            Assert.InRange(error.Line, 0, lineCount);
        }
    }

    private static List<string[]> SamplePages() =>
        [.. Directory.GetFiles(TestRepository.SamplePapers, "*.txt").Order().Select(File.ReadAllLines)];

    /// <summary>A slice of a real page, so most cases stay small and fast while still holding real entries.</summary>
    private static string[] Window(string[] page, Mutator mutator)
    {
        var start = mutator.Next(page.Length);
        return page[start..Math.Min(page.Length, start + 1 + mutator.Next(120))];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
