using System.Text;
using System.Text.Json;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// The SentencePiece unigram encoding used by Universal Sentence Encoder lite, reproducing the TensorFlow.js tokenizer
/// id for id: NFKC, a leading "▁" with spaces turned into "▁", then a Viterbi pass over code points.
/// Immutable after construction, so one instance serves any number of threads.
/// </summary>
public sealed class SentencePieceTokenizer
{
    /// <summary>The id of the unknown piece; a run of unmatched characters becomes one of it.</summary>
    public const int UnknownId = 0;

    /// <summary>Ids below this (unknown, &lt;s&gt;, &lt;/s&gt;, three extra tokens) never match text.</summary>
    public const int ReservedPieceCount = 6;

    private const char WordBoundary = '\u2581';

    private readonly PieceTrie _trie = new();

    public SentencePieceTokenizer(IReadOnlyList<SentencePiece> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Count <= ReservedPieceCount)
        {
            throw new ArgumentException($"A vocabulary needs more than {ReservedPieceCount} pieces; got {vocabulary.Count}.", nameof(vocabulary));
        }

        for (var id = ReservedPieceCount; id < vocabulary.Count; id++)
        {
            _trie.Add(vocabulary[id].Text, id, vocabulary[id].Score);
        }

        VocabularySize = vocabulary.Count;
    }

    public int VocabularySize { get; }

    /// <summary>Reads vocab.json: an array of [piece, score] pairs whose position is the piece id.</summary>
    public static SentencePieceTokenizer Load(string vocabularyPath)
    {
        using var stream = File.OpenRead(vocabularyPath);
        using var document = JsonDocument.Parse(stream);
        var pieces = new List<SentencePiece>(document.RootElement.GetArrayLength());
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            // A few pieces with ":" carry a null score; the original adds it to numbers, where null counts as 0.
            var score = entry[1].ValueKind == JsonValueKind.Number ? entry[1].GetDouble() : 0d;
            pieces.Add(new SentencePiece(entry[0].GetString() ?? string.Empty, score));
        }

        return new SentencePieceTokenizer(pieces);
    }

    public int CountTokens(string text) => Encode(text).Length;

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = NfkcNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return [];
        }

        var symbols = ToCodePoints(WordBoundary + normalized.Replace(' ', WordBoundary));
        var (bestPiece, pieceLength) = FindBestSegmentation(symbols);
        return Backtrack(bestPiece, pieceLength);
    }

    /// <summary>
    /// Viterbi over end positions. Mirrors the original's quirks, which decide ties and unknown runs:
    /// a score of exactly 0 means "not reached yet", an unreachable position contributes 0 to the pieces after it,
    /// and among equal scores the later candidate (the shorter piece) wins.
    /// </summary>
    private (int[] BestPiece, int[] PieceLength) FindBestSegmentation(int[] symbols)
    {
        var n = symbols.Length;
        var bestScore = new double[n + 1];
        var bestPiece = new int[n + 1];
        var pieceLength = new int[n + 1];

        // Candidates ending at each position, collected per start so that starts are visited in ascending order.
        var endingAt = new List<(int Start, int Id, double Score)>?[n + 1];
        for (var start = 0; start < n; start++)
        {
            var node = _trie.Root;
            for (var end = start; end < n; end++)
            {
                node = node.Child(symbols[end]);
                if (node is null)
                {
                    break;
                }

                if (node.PieceId >= 0)
                {
                    (endingAt[end + 1] ??= []).Add((start, node.PieceId, node.Score));
                }
            }
        }

        for (var end = 0; end <= n; end++)
        {
            var candidates = endingAt[end];
            if (candidates is null)
            {
                continue;
            }

            foreach (var (start, id, score) in candidates)
            {
                var total = score + bestScore[start];
                if (bestScore[end] == 0 || total >= bestScore[end])
                {
                    bestScore[end] = total;
                    bestPiece[end] = id;
                    pieceLength[end] = end - start;
                }
            }
        }

        return (bestPiece, pieceLength);
    }

    private static int[] Backtrack(int[] bestPiece, int[] pieceLength)
    {
        var reversed = new List<int>();
        var previousWasUnknown = false;
        for (var position = bestPiece.Length - 1; position > 0;)
        {
            var id = bestPiece[position];
            var isUnknown = id == UnknownId;
            if (!(isUnknown && previousWasUnknown))
            {
                reversed.Add(id);
            }

            previousWasUnknown = isUnknown;
            // An unknown covers exactly one character, like the one-character "\uFFFD" piece the original steps back by.
            position -= isUnknown ? 1 : pieceLength[position];
        }

        reversed.Reverse();
        return [.. reversed];
    }

    private static int[] ToCodePoints(string text)
    {
        var codePoints = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            codePoints.Add(rune.Value);
        }

        return [.. codePoints];
    }
}
