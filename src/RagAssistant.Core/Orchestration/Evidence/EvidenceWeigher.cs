using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;

namespace RagAssistant.Core.Orchestration.Evidence;

/// <summary>
/// The evidence step (<c>Chat:EvidenceStep</c>): one batched call of the <c>WeighEvidence</c> prompt scores every
/// candidate 0–10 for the question and says in a line what it contributes; candidates under
/// <see cref="AssistantOptions.MinEvidenceScore"/> are dropped before writing (the rest numbered again from 1) and the
/// kept ones carry their line to the writer. A reply that cannot be read, or a failed call, keeps every candidate: the
/// step may only narrow an answer. <paramref name="kernel"/> holds the chat model.
/// </summary>
public sealed partial class EvidenceWeigher(Kernel kernel, PromptLibrary prompts, IOptions<AssistantOptions> options, ILogger<EvidenceWeigher>? logger = null)
{
    // "2 | 7 | It emulates CO2 transport with a U-Net." — brackets around n and a "/10" after the score are tolerated.
    [GeneratedRegex(@"^\s*\[?(\d{1,3})\]?\s*\|\s*(\d{1,2}(?:\.\d+)?)(?:\s*/\s*10)?\s*\|\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ScoreLine();

    private readonly ILogger _logger = logger ?? NullLogger<EvidenceWeigher>.Instance;

    public async Task<RetrievedSources> SelectAsync(string question, RetrievedSources candidates, CancellationToken cancellationToken = default)
    {
        string reply;
        try
        {
            var result = await prompts.WeighEvidence.InvokeAsync(kernel, new KernelArguments
            {
                ["question"] = question,
                ["sources"] = SourcesBlock.Format(candidates.Sources),
            }, cancellationToken);
            reply = result.GetValue<string>() ?? "";
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("The evidence step failed ({Reason}); keeping all {Count} candidates", exception.Message, candidates.Sources.Count);
            return candidates;
        }

        var scores = Read(reply, candidates.Sources.Count);
        if (scores.Count == 0)
        {
            _logger.LogWarning("The evidence step's reply named no candidate in the form \"n | score | evidence\"; keeping all {Count}", candidates.Sources.Count);
            return candidates;
        }
        var minimum = options.Value.MinEvidenceScore;
        // A candidate the reply skipped is kept: silence is no evidence against it.
        var kept = candidates.Sources.Where(source => !scores.TryGetValue(source.N, out var score) || score.Score >= minimum).ToList();
        var evidence = kept.Where(source => scores.ContainsKey(source.N)).ToDictionary(source => source.PaperId, source => scores[source.N].Evidence);
        var dropped = candidates.Sources.Except(kept).ToList();
        _logger.LogDebug("The evidence step kept {Kept} of {Count} candidates (least score {Minimum})", kept.Count, candidates.Sources.Count, minimum);
        return candidates with
        {
            Sources = RetrievedSources.Numbered(kept),
            // When nothing is left, the dropped papers are what the refusal names as nearest.
            NearestPapers = kept.Count > 0 ? [] : [.. dropped.Take(SourceRetriever.NearestPaperCount).Select(source => new NearestPaper(source.PaperId, source.Title, source.Relevance))],
            Evidence = evidence,
        };
    }

    private static Dictionary<int, (double Score, string Evidence)> Read(string reply, int count)
    {
        var scores = new Dictionary<int, (double, string)>();
        foreach (Match line in ScoreLine().Matches(reply))
        {
            var n = int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
            var score = double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
            if (n >= 1 && n <= count && score <= 10) scores.TryAdd(n, (score, line.Groups[3].Value));
        }
        return scores;
    }
}
