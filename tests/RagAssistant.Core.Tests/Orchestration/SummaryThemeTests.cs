using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using Xunit.Abstractions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>Literature summaries over the sample corpus: themes a researcher would keep, named in words the papers use.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed partial class SummaryThemeTests(SampleCorpusFixture corpus, ITestOutputHelper output)
{
    private static readonly string[] Topics =
    [
        "Summarise what these papers say about neural architecture search",
        "Summarise the literature on interatomic potentials",
        "Give an overview of Kolmogorov-Arnold networks",
        "Summarise what the papers say about surrogate models for PDEs",
        "Summarise what the papers say about spiking neural networks",
        "Give an overview of Bayesian optimization",
        "Summarise the work on hyperparameter optimization",
        "Summarise what the papers say about adversarial attacks",
        "Give an overview of physics-informed neural networks",
        "Summarise the literature on uncertainty quantification",
    ];

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-₀-₉⁰-⁹]*")]
    private static partial Regex Word();

    [Fact]
    public async Task Themes_are_named_by_phrases_the_papers_use_and_none_holds_most_papers_unless_there_is_one()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        foreach (var question in Topics)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            Assert.Equal(AnswerKind.Summary, run.Sources.Kind);
            var themes = Themes(run.Text);
            output.WriteLine($"{question}: {string.Join(" | ", themes.Select(theme => $"{theme.Label} ({theme.Papers.Count})"))}");

            var written = string.Join("\n", run.Sources.Sources.Select(source => $"{TexNotation.Readable(source.Title)}\n{TexNotation.Readable(source.Abstract)}"));
            var writtenWords = Word().Matches(written).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
            var titles = run.Sources.Sources.Select(source => TexNotation.Readable(source.Title)).ToList();
            foreach (var (label, _) in themes)
            {
                var words = Word().Matches(label).Select(match => match.Value).ToList();
                // A phrase, not one title word; every word as the papers write it, so no stem fragment ("Respons") passes.
                Assert.True(words.Count >= 2 || titles.Contains(label), $"\"{label}\" is a single word");
                Assert.All(words, word => Assert.True(writtenWords.Contains(word) || writtenWords.Contains(char.ToLowerInvariant(word[0]) + word[1..]),
                    $"\"{word}\" of the label \"{label}\" is not a word of its papers"));
            }

            var papers = run.Sources.Sources.Count;
            if (themes.Count > 1)
            {
                Assert.All(themes, theme => Assert.True(theme.Papers.Count <= 0.6 * papers, $"\"{theme.Label}\" holds {theme.Papers.Count} of {papers} papers"));
            }
            // Every bullet is a paper's own sentence that stands alone, not one opening "However," or "These …".
            foreach (var bullet in run.Text.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)))
            {
                Assert.False(UnresolvedReference.Opens(bullet[2..]), $"the bullet \"{bullet}\" opens by pointing back");
            }
        }
    }

    /// <summary>The bold labels of a summary and the papers each theme's bullets cite.</summary>
    private static List<(string Label, HashSet<int> Papers)> Themes(string text)
    {
        var body = text[..text.IndexOf("References\n", StringComparison.Ordinal)];
        var themes = new List<(string Label, HashSet<int> Papers)>();
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("**", StringComparison.Ordinal)) themes.Add((line.Trim('*', ' '), []));
            else if (line.StartsWith("- ", StringComparison.Ordinal)) themes[^1].Papers.UnionWith(Citation().Matches(line).Select(match => int.Parse(match.Groups[1].Value)));
        }
        return themes;
    }
}
