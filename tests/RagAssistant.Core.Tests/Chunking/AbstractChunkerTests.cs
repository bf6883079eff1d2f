using RagAssistant.Core.Chunking;
using RagAssistant.Core.Ingestion;

namespace RagAssistant.Core.Tests.Chunking;

public sealed class AbstractChunkerTests
{
    private static readonly ITokenCounter Budget = new ApproximateTokenCounter(128);

    [Fact]
    public void Every_chunk_of_the_sample_corpus_fits_the_budget_with_its_title()
    {
        var chunker = new AbstractChunker(Budget);
        var papers = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes).Read([TestRepository.SamplePapers]).Papers;

        foreach (var paper in papers)
        {
            var chunks = chunker.Chunk(paper);
            Assert.All(chunks, chunk => Assert.True(Budget.CountTokens(chunk.Text) <= Budget.MaxTokens, $"{chunk.Id} has {Budget.CountTokens(chunk.Text)} tokens"));
            Assert.All(chunks, chunk => Assert.StartsWith(paper.Title + "\n", chunk.Text));
            // Nothing of the abstract is lost or repeated.
            Assert.Equal(Words(paper.Abstract), chunks.SelectMany(chunk => Words(chunk.Body)));
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(chunk => chunk.Ordinal));
        }
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
