using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.Extractive;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>The citation defects found in review, one test each, on the stream and checker as the orchestrator uses them.</summary>
public sealed class CitationCorrectnessTests
{
    private static readonly AnswerSource Sea = Source(1, "Stochastically Extended Adversarial model",
        "Stochastically Extended Adversarial (SEA) model is introduced by Sachs et al. [2022] as an interpolation between stochastic and adversarial online convex optimization.");

    private static readonly AnswerSource Barron = Source(2, "Neural network approximation of PDE solutions",
        "By a classical result due to Barron [1993], this correspondingly bounds the size of a 2-layer neural network needed to approximate the solution.");

    [Fact]
    public async Task A_bracketed_year_is_shown_as_a_year_and_checking_it_does_not_throw()
    {
        var stream = NumberedSources.Stream(2);
        var step = stream.Push("SEA is introduced by Sachs et al. [2022] as an interpolation [1]. Barron [1993] bounds the network size [2].");
        var last = stream.Complete();

        var text = step.Text + last.Text;
        Assert.Equal("SEA is introduced by Sachs et al. (2022) as an interpolation [1]. Barron (1993) bounds the network size [2].", text);
        var sentences = step.Sentences.Concat(last.Sentences).ToList();
        Assert.Equal([[1], [2]], sentences.Select(sentence => sentence.Citations.ToArray()));

        var checker = new CitationChecker([Sea, Barron]);
        foreach (var sentence in sentences) Assert.NotEmpty(await checker.CheckAsync(sentence));
    }

    [Fact]
    public async Task A_year_split_across_fragments_is_still_a_year()
    {
        var stream = NumberedSources.Stream(1);
        var text = string.Concat(new[] { "Due to Barron [19", "93] [1]." }.Select(fragment => stream.Push(fragment).Text)) + stream.Complete().Text;

        Assert.Equal("Due to Barron (1993) [1].", text);
        Assert.Equal(0, stream.Removed);
    }

    [Fact]
    public async Task Reference_markers_inside_an_abstract_never_become_citations_of_other_sources()
    {
        // Three sources, so a quoted "[3]" would be a valid — and wrong — citation of the third paper.
        var sources = new[]
        {
            Source(1, "Graph extension", "We extend the message passing method of [3] to directed graphs with edge features. Our extension reaches higher accuracy on molecule benchmarks [4, 5]."),
            Source(2, "Unrelated one", "Diffusion models generate images from noise with a learned denoiser."),
            Source(3, "Unrelated two", "Speculative decoding speeds up large language model inference."),
        };
        var context = new AnswerContext("How is message passing extended to directed graphs?", AnswerKind.Answer,
            new RetrievedSources("message passing directed graphs", sources, QuestionTerms.Of("message passing extended directed graphs"), null, 0.8, []), []);
        var writer = new ExtractiveAnswerWriter(Options.Create(new AssistantOptions()));
        var stream = new CitationStream(sources, "");
        var cited = new List<CitedSentence>();
        var text = "";
        await foreach (var fragment in writer.WriteAsync(context))
        {
            var step = stream.Push(fragment);
            text += step.Text;
            cited.AddRange(step.Sentences);
        }
        cited.AddRange(stream.Complete().Sentences);

        // The writer quotes every source it is given, each sentence cited to its own paper only.
        var quoted = cited.Where(sentence => sentence.Text.Contains("message passing") || sentence.Text.Contains("molecule")).ToList();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, sentence => Assert.Equal([1], sentence.Citations));
        Assert.DoesNotContain("of [3]", text);
        Assert.DoesNotContain("[4", text);
        Assert.Equal([3], Assert.Single(cited, sentence => sentence.Text.Contains("Speculative")).Citations);
        var verdicts = await new CitationChecker(sources).CheckAsync(quoted[0]);
        Assert.Equal(CitationVerdicts.Quoted, Assert.Single(verdicts).Verdict);
    }

    [Fact]
    public async Task A_marker_alone_on_its_line_backs_the_sentence_before_it_and_no_empty_sentence_is_checked()
    {
        var stream = NumberedSources.Stream(1);
        var sentences = stream.Push("The SEA model interpolates between stochastic and adversarial optimization.\n[1]\n").Sentences
            .Concat(stream.Complete().Sentences).ToList();

        var sentence = Assert.Single(sentences);
        Assert.Equal("The SEA model interpolates between stochastic and adversarial optimization.", sentence.Text);
        Assert.Equal([1], sentence.Citations);

        var alone = NumberedSources.Stream(1);
        var orphan = Assert.Single(alone.Push("[1]\n").Sentences.Concat(alone.Complete().Sentences));
        var verdict = Assert.Single(await new CitationChecker([Sea]).CheckAsync(orphan));
        Assert.Equal(CitationVerdicts.Unsupported, verdict.Verdict);
    }

    [Fact]
    public void A_long_bracket_list_split_across_fragments_never_passes_through_raw()
    {
        var stream = NumberedSources.Stream(3);
        var shown = new List<string>
        {
            stream.Push("Several papers agree [1, 2, 3, 4, 5, 6").Text,
            stream.Push(", 7, 8]. Done.").Text,
            stream.Complete().Text,
        };

        Assert.Equal("Several papers agree [1][2][3]. Done.", string.Concat(shown));
        Assert.DoesNotContain(shown, text => text.Contains("4"));
        Assert.Equal(5, stream.Removed);
    }

    private static AnswerSource Source(int n, string title, string @abstract) =>
        new(n, $"paper-{n}", title, null, null, null, @abstract, 0.6);
}
