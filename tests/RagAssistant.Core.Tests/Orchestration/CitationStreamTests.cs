using RagAssistant.Core.Orchestration.Citations;

namespace RagAssistant.Core.Tests.Orchestration;

public sealed class CitationStreamTests
{
    [Fact]
    public void A_citation_to_a_missing_source_is_removed_even_when_split_across_fragments()
    {
        var stream = NumberedSources.Stream(5);
        var shown = new List<string>();
        foreach (var fragment in new[] { "Neural nets emulate transport [1]. They conserve mass [", "7", "]. Done [2]." })
        {
            shown.Add(stream.Push(fragment).Text);
        }
        shown.Add(stream.Complete().Text);

        Assert.Equal("Neural nets emulate transport [1]. They conserve mass. Done [2].", string.Concat(shown));
        Assert.DoesNotContain(shown, text => text.Contains('7'));
        Assert.Equal(1, stream.Removed);
    }

    [Fact]
    public void Lists_and_ranges_become_single_markers_and_only_real_sources_stay()
    {
        var stream = NumberedSources.Stream(3);
        var text = stream.Push("A claim [1, 3, 9]. Another [2-4]. A third [0].").Text + stream.Complete().Text;

        Assert.Equal("A claim [1][3]. Another [2][3]. A third.", text);
        Assert.Equal(3, stream.Removed);
    }

    [Fact]
    public void Sentences_complete_with_their_citations_including_a_marker_after_the_full_stop()
    {
        var stream = NumberedSources.Stream(2);
        var sentences = new List<CitedSentence>();
        sentences.AddRange(stream.Push("Version 2.0 is faster [1]. It also scales. [2] Uncited sentence here. ").Sentences);
        sentences.AddRange(stream.Push("- A bullet point [2]\n[1] Title of one\n").Sentences);
        sentences.AddRange(stream.Complete().Sentences);

        Assert.Equal(
            [("Version 2.0 is faster.", "1"), ("It also scales.", "2"), ("A bullet point", "2"), ("Title of one", "1")],
            sentences.Select(s => (s.Text, string.Join(",", s.Citations))));
    }

    [Fact]
    public void Brackets_that_are_not_citations_pass_through()
    {
        var stream = NumberedSources.Stream(2);
        var text = stream.Push("Tokens like [CLS] and an interval [0.1, 0.5] stay, as does a lone [").Text + stream.Complete().Text;
        Assert.Equal("Tokens like [CLS] and an interval [0.1, 0.5] stay, as does a lone [", text);
        Assert.Equal(0, stream.Removed);
    }
}
