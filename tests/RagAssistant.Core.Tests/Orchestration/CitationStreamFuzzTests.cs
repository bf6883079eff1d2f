using System.Text;
using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// Random answers — words, citations in range and out, lists, ranges, years, reference markers, brackets that are
/// not citations, quotes and emphasis, line breaks — cut into random fragments, through the stream and the checker as the orchestrator
/// runs them. Seeded, so a failure names a case that can be replayed.
/// </summary>
public sealed partial class CitationStreamFuzzTests
{
    private const int Cases = 3000;

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();

    private static readonly string[] Pieces =
    [
        "Neural", "networks", "emulate", "transport", "mass", "is", "conserved", "not", "90%", "2.5", "e.g.", "et al.",
        ".", ". ", "! ", "? ", ",", "\n", "\n\n", "- ", "**", " ",
        "[1]", "[2]", "[3]", "[7]", "[0]", "[12]", "[1, 2]", "[1,3]", "[2-4]", "[1–3]", "[1; 2]", "[1, 2, 3, 4, 5, 6, 7]",
        "[2022]", "[1993]", "[20", "22]", "[", "]", "[CLS]", "[0.1, 0.5]", "[a]", "[1", ", ", "2]", "[[1]]", "[ 1 ]",
        "\"", "“", "”", "*", "_", "Deep", "Seismic", "Oracles", "Every", "Station",
    ];

    [Fact]
    public async Task Never_throws_and_every_marker_shown_names_a_source_of_the_answer()
    {
        var random = new Random(20261127);
        for (var run = 0; run < Cases; run++)
        {
            var sourceCount = random.Next(1, 6);
            var sources = Enumerable.Range(1, sourceCount)
                .Select(n => new AnswerSource(n, $"p{n}", $"Paper {n}", null, null, null, "Neural networks emulate transport and conserve mass [3]. It is 90% faster.", 0.6))
                .ToList();
            var answer = new StringBuilder();
            for (var i = random.Next(1, 40); i > 0; i--) answer.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            var fragments = Split(answer.ToString(), random);

            var stream = new CitationStream(sources, "");
            var checker = new CitationChecker(sources);
            var shown = new StringBuilder();
            var sentences = new List<CitedSentence>();
            try
            {
                foreach (var fragment in fragments)
                {
                    var step = stream.Push(fragment);
                    shown.Append(step.Text);
                    sentences.AddRange(step.Sentences);
                }
                var last = stream.Complete();
                shown.Append(last.Text);
                sentences.AddRange(last.Sentences);
                foreach (var sentence in sentences)
                {
                    var verdicts = await checker.CheckAsync(sentence);
                    Assert.All(verdicts, verdict => Assert.Contains(verdict.Verdict, new[] { CitationVerdicts.Quoted, CitationVerdicts.Similar, CitationVerdicts.Unsupported }));
                }
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {run} (sources {sourceCount}) threw {exception.GetType().Name}: {exception.Message}\nfragments: {Show(fragments)}");
            }

            var numbers = Marker().Matches(shown.ToString()).Select(match => long.Parse(match.Groups[1].Value)).ToList();
            Assert.True(numbers.All(n => n >= 1 && n <= sourceCount),
                $"case {run}: shown \"{shown}\" has a marker outside 1..{sourceCount}\nfragments: {Show(fragments)}");
            Assert.All(sentences, sentence => Assert.All(sentence.Citations, n => Assert.InRange(n, 1, sourceCount)));
            Assert.All(sentences, sentence => Assert.False(sentence.Text.Length > 0 && string.IsNullOrWhiteSpace(sentence.Text)));
        }
    }

    private static List<string> Split(string text, Random random)
    {
        var fragments = new List<string>();
        for (var at = 0; at < text.Length;)
        {
            var length = Math.Min(text.Length - at, random.Next(1, 12));
            fragments.Add(text.Substring(at, length));
            at += length;
        }
        return fragments;
    }

    private static string Show(IEnumerable<string> fragments) => string.Join(" | ", fragments.Select(fragment => $"\"{fragment.Replace("\n", "\\n")}\""));
}
