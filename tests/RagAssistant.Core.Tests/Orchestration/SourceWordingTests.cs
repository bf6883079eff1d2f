using RagAssistant.Contracts;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Orchestration.Writers.Extractive;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>Titles and quotations in the stream: the sources' own wording stands, anything else is removed and counted.</summary>
public sealed class SourceWordingTests
{
    private static readonly AnswerSource PhaseNet = new(1, "p1", "PhaseNet: A Deep-Neural-Network-Based Seismic Arrival Time Picking Method", null, null, null,
        "As the number of seismic sensors grows, it is becoming increasingly difficult for analysts to pick seismic phases manually. " +
        "We present PhaseNet, a deep-neural-network-based arrival-time picking method [12].", 0.7);

    private static (string Text, int Removed) Stream(IReadOnlyList<AnswerSource> sources, params string[] fragments)
    {
        var stream = new CitationStream(sources, "Which networks pick seismic arrival times?");
        var shown = string.Concat(fragments.Select(fragment => stream.Push(fragment).Text)) + stream.Complete().Text;
        return (shown, stream.Removed);
    }

    [Fact]
    public void A_sources_title_and_a_phrase_quoted_from_its_abstract_stand()
    {
        var answer = "\"PhaseNet: a deep-neural-network-based seismic arrival-time picking method\" [1] notes that it is " +
                     "\"becoming increasingly difficult for analysts\" to pick phases by hand [1]. *PhaseNet: A Deep-Neural-Network-Based Seismic Arrival Time Picking Method* is one.";

        var (text, removed) = Stream([PhaseNet], answer);

        Assert.Equal(answer, text);
        Assert.Equal(0, removed);
    }

    [Fact]
    public void A_quoted_title_no_source_has_is_removed_and_counted_and_never_shown_even_in_pieces()
    {
        var stream = new CitationStream([PhaseNet], "Which networks pick seismic arrival times?");
        var pieces = new List<string>();
        foreach (var fragment in new[] { "Compare \"Earthquake Trans", "former for Simultaneous Detection\" [1", "] with PhaseNet [1]." }) pieces.Add(stream.Push(fragment).Text);
        pieces.Add(stream.Complete().Text);

        Assert.Equal($"Compare {SourceWording.Removed} [1] with PhaseNet [1].", string.Concat(pieces));
        Assert.DoesNotContain(pieces, piece => piece.Contains("Trans"));
        Assert.Equal(1, stream.Removed);
    }

    [Fact]
    public void An_invented_title_in_title_case_italics_is_removed_but_ordinary_emphasis_and_bold_labels_stay()
    {
        var (text, removed) = Stream([PhaseNet],
            "*Stopped searching at the limit of 6 tool calls; this answer is written from the 1 paper found.*\n\n",
            "PhaseNet does *not* need analysts [1]. It follows *Deep Seismic Oracles for Every Station* closely. ",
            "**Other Work: Seismic Networks; Deep Pickers**\n- a bullet\n* another bullet");

        Assert.Equal(
            "*Stopped searching at the limit of 6 tool calls; this answer is written from the 1 paper found.*\n\n" +
            $"PhaseNet does *not* need analysts [1]. It follows {SourceWording.Removed} closely. " +
            "**Other Work: Seismic Networks; Deep Pickers**\n- a bullet\n* another bullet",
            text);
        Assert.Equal(1, removed);
    }

    [Fact]
    public void Short_quotes_stray_quotes_and_the_questions_words_stand()
    {
        var (text, removed) = Stream([PhaseNet],
            "So-called \"arrival times\" [1]. The question asks \"which networks pick seismic arrival times\". A 5\" display, and \"an unclosed quote\nacross a line.");

        Assert.Contains("\"arrival times\"", text);
        Assert.Contains("\"which networks pick seismic arrival times\"", text);
        Assert.Contains("\"an unclosed quote\nacross a line.", text);
        Assert.Equal(0, removed);
    }

    [Fact]
    public void A_title_counts_as_the_sources_wording_once_a_tool_has_returned_its_paper()
    {
        var sources = new List<AnswerSource>();
        var stream = new CitationStream(sources, "Which networks pick seismic arrival times?");

        var before = stream.Push("\"Seismic Arrival Time Picking\" comes up. ").Text;
        sources.Add(PhaseNet);
        var after = stream.Push("\"Seismic Arrival Time Picking\" again.").Text + stream.Complete().Text;

        Assert.Equal($"{SourceWording.Removed} comes up. ", before);
        Assert.Equal("\"Seismic Arrival Time Picking\" again.", after);
        Assert.Equal(1, stream.Removed);
    }

    [Fact]
    public void Quoting_every_sentence_of_every_sample_and_SciFact_abstract_removes_nothing()
    {
        var papers = new PaperFileReader(long.MaxValue).Read([TestRepository.SamplePapers, TestRepository.SciFactCorpus]).Papers;
        Assert.True(papers.Count > 5000, $"{papers.Count} papers");
        var quotedSpans = 0;
        foreach (var paper in papers)
        {
            var source = new AnswerSource(1, paper.Id, paper.Title, paper.Date, paper.AuthorCount, paper.Url, paper.Abstract, 0.5);
            var stream = new CitationStream([source], "");
            // As the extractive writer quotes: each sentence of the abstract with its citation before the full stop.
            var answer = string.Join(" ", SentenceSplitter.Split(ReferenceMarkers.Strip(paper.Abstract)).Select(sentence => ExtractiveAnswerWriter.Cite(sentence, 1)));
            var text = stream.Push(answer).Text + stream.Complete().Text;
            Assert.True(stream.Removed == 0, $"{paper.Id}: {text}");
            quotedSpans += answer.Count(c => c is '"' or '“');
        }
        Assert.True(quotedSpans > 100, $"only {quotedSpans} quote marks: the corpus no longer exercises the rule");
    }
}
