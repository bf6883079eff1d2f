using RagAssistant.Core.Ingestion;

namespace RagAssistant.Core.Tests.Ingestion;

public sealed class SampleCorpusTests
{
    private readonly IngestionResult _result = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes).Read([TestRepository.SamplePapers]);

    [Fact]
    public void Reads_every_entry_and_folds_duplicates_into_unique_papers()
    {
        Assert.Equal(4, _result.Files);
        Assert.Equal(342, _result.Entries);
        Assert.Equal(303, _result.Papers.Count);
        Assert.Empty(_result.Errors);
    }

    [Fact]
    public void Page_chrome_is_never_a_paper()
    {
        Assert.DoesNotContain(_result.Papers, paper => paper.Title.StartsWith("Subscribe", StringComparison.Ordinal));
        Assert.DoesNotContain(_result.Papers, paper => paper.Title is "Daily Papers" or "new" || paper.Title.StartsWith("Get trending", StringComparison.Ordinal));
        Assert.Contains(_result.Papers, paper => paper.Title == "Towards Effective and Sparse Adversarial Attack on Spiking Neural Networks via Breaking Invisible Surrogate Gradients");
    }

    [Fact]
    public void Reads_dates_authors_and_upvotes_with_year_less_dates_in_the_pages_year()
    {
        var co2 = _result.Papers.Single(paper => paper.Title.StartsWith("Atmospheric Transport Modeling of CO", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2024, 8, 20), co2.Date);
        Assert.Equal(6, co2.AuthorCount);
        Assert.Null(co2.Upvotes);
        Assert.EndsWith("000_e2b3ed51cc1e3e6f.txt", co2.Source.File);
        Assert.Equal(13, co2.Source.Line);

        // "Apr 25 2" on a page whose latest dated paper is from 2024: the page is from 2025, 2 upvotes.
        var zoo = _result.Papers.Single(paper => paper.Title == "A Model Zoo on Phase Transitions in Neural Networks");
        Assert.Equal(new DateOnly(2025, 4, 25), zoo.Date);
        Assert.Equal(2, zoo.Upvotes);
    }

    [Fact]
    public void An_entry_without_a_date_line_takes_the_pages_day_heading()
    {
        // Listed under "Nov 5" with no date of its own; the page's latest explicit year is 2024, so the page is from 2025.
        var transformers = _result.Papers.Single(paper => paper.Title == "Transformers Discover Molecular Structure Without Graph Priors");
        Assert.Equal(new DateOnly(2025, 11, 5), transformers.Date);
        // The page saved without any date line (002) gives its papers no date, except those another page dates.
        Assert.All(_result.Papers.Where(paper => !paper.Source.File.Contains("002_", StringComparison.Ordinal)), paper => Assert.NotNull(paper.Date));
    }

    [Fact]
    public void A_space_lost_between_two_sentences_is_put_back()
    {
        Assert.DoesNotContain(_result.Papers, paper => paper.Abstract.Contains("re-training.In this paper", StringComparison.Ordinal));
        Assert.Contains(_result.Papers, paper => paper.Abstract.Contains("without expensive re-training. In this paper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("without expensive re-training.In this paper, we", "without expensive re-training. In this paper, we")]
    [InlineData("labor-intensive manual refinement.Code can be found", "labor-intensive manual refinement. Code can be found")]
    [InlineData("for example, e.g.The model", "for example, e.g.The model")]
    [InlineData("see https://github.com/org/repo.Models are", "see https://github.com/org/repo.Models are")]
    [InlineData("accuracy of 0.99.The model", "accuracy of 0.99.The model")]
    public void Lost_spaces_are_repaired_only_after_a_word_that_ends_a_sentence(string text, string repaired) =>
        Assert.Equal(repaired, LostSpaces.Repair(text));

    [Fact]
    public void Ids_are_stable_across_runs_and_files()
    {
        var again = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes).Read([TestRepository.SamplePapers]);
        Assert.Equal(_result.Papers.Select(paper => paper.Id), again.Papers.Select(paper => paper.Id));
        Assert.Equal(_result.Papers.Count, _result.Papers.Select(paper => paper.Id).Distinct().Count());
    }
}
