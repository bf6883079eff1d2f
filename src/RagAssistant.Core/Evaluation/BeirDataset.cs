using System.Globalization;
using System.Text.Json;

namespace RagAssistant.Core.Evaluation;

/// <summary>A retrieval benchmark in BEIR's layout: corpus.jsonl, &lt;split&gt;/queries.jsonl and &lt;split&gt;/qrels.tsv.</summary>
public sealed record BeirDataset(string CorpusPath, IReadOnlyList<BeirQuery> Queries)
{
    public static BeirDataset Load(string directory, string split)
    {
        var corpus = Path.Combine(directory, "corpus.jsonl");
        var queriesPath = Path.Combine(directory, split, "queries.jsonl");
        var qrelsPath = Path.Combine(directory, split, "qrels.tsv");
        foreach (var required in new[] { corpus, queriesPath, qrelsPath })
        {
            if (!File.Exists(required)) throw new FileNotFoundException($"The BEIR directory lacks {required}.", required);
        }

        var judgements = new Dictionary<string, Dictionary<string, int>>();
        foreach (var (line, number) in File.ReadLines(qrelsPath).Select((line, i) => (line, i + 1)).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var relevance))
            {
                throw new FormatException($"{qrelsPath}:{number}: expected query-id, corpus-id and score separated by tabs.");
            }
            if (relevance <= 0) continue;
            if (!judgements.TryGetValue(fields[0], out var relevant)) judgements[fields[0]] = relevant = [];
            relevant[fields[1]] = relevance;
        }

        var queries = new List<BeirQuery>();
        foreach (var line in File.ReadLines(queriesPath).Where(line => !string.IsNullOrWhiteSpace(line)))
        {
            using var json = JsonDocument.Parse(line);
            var id = json.RootElement.GetProperty("_id").GetString()!;
            if (judgements.TryGetValue(id, out var relevant))
            {
                queries.Add(new BeirQuery(id, json.RootElement.GetProperty("text").GetString()!, relevant));
            }
        }
        return new BeirDataset(corpus, queries);
    }
}

/// <summary>A benchmark question and the graded relevance of the documents judged for it.</summary>
public sealed record BeirQuery(string Id, string Text, IReadOnlyDictionary<string, int> Relevant);
