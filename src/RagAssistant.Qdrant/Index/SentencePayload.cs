using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using RagAssistant.Core.Papers;
using Value = Qdrant.Client.Grpc.Value;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// A paper's sentences on its point: their texts and roles in the payload (a list in order), their vectors as the
/// <see cref="PaperCollection.SentenceVectors"/> multivector and the title's as <see cref="PaperCollection.TitleVector"/>.
/// A sentence without a vector (no word the model reads) is marked in the payload and has no row in the multivector;
/// a sentence of the body carries its section and page.
/// </summary>
internal static class SentencePayload
{
    public const string Field = "sentences";
    private const string TextKey = "text";
    private const string RoleKey = "role";
    private const string NoVectorKey = "no_vector";
    private const string SectionKey = "section";
    private const string PageKey = "page";

    public static Value ToValue(PaperSentences sentences)
    {
        var list = new ListValue();
        foreach (var sentence in sentences.Sentences)
        {
            var entry = new Struct { Fields = { [TextKey] = sentence.Text } };
            if (sentence.Role is { } role) entry.Fields[RoleKey] = (long)role;
            if (sentence.Vector.IsEmpty) entry.Fields[NoVectorKey] = true;
            if (sentence.Section is { } section) entry.Fields[SectionKey] = section;
            if (sentence.Page is { } page) entry.Fields[PageKey] = page;
            list.Values.Add(new Value { StructValue = entry });
        }
        return new Value { ListValue = list };
    }

    /// <summary>The vectors to store beside the payload: the title's and the sentences' (those that have one).</summary>
    public static void AddVectors(Dictionary<string, Vector> vectors, PaperSentences sentences)
    {
        if (!sentences.TitleVector.IsEmpty) vectors[PaperCollection.TitleVector] = sentences.TitleVector.ToArray();
        var rows = sentences.Sentences.Where(sentence => !sentence.Vector.IsEmpty).Select(sentence => sentence.Vector.ToArray()).ToArray();
        if (rows.Length > 0) vectors[PaperCollection.SentenceVectors] = rows;
    }

    public static PaperSentences Read(string paperId, MapField<string, Value> payload, MapField<string, VectorOutput>? vectors)
    {
        var title = vectors is not null && vectors.TryGetValue(PaperCollection.TitleVector, out var titleVector) && titleVector.GetDenseVector() is { } dense
            ? new ReadOnlyMemory<float>([.. dense.Data])
            : ReadOnlyMemory<float>.Empty;
        var rows = vectors is not null && vectors.TryGetValue(PaperCollection.SentenceVectors, out var sentenceVectors) && sentenceVectors.GetMultiVector() is { } multi
            ? multi.Vectors.Select(row => new ReadOnlyMemory<float>([.. row.Data])).ToList()
            : [];
        var sentences = new List<PaperSentence>();
        if (payload.TryGetValue(Field, out var value) && value.KindCase == Value.KindOneofCase.ListValue)
        {
            var row = 0;
            foreach (var entry in value.ListValue.Values.Select(item => item.StructValue.Fields))
            {
                var hasVector = !(entry.TryGetValue(NoVectorKey, out var none) && none.BoolValue);
                var vector = hasVector && row < rows.Count ? rows[row++] : ReadOnlyMemory<float>.Empty;
                SentenceRole? role = entry.TryGetValue(RoleKey, out var r) && r.KindCase == Value.KindOneofCase.IntegerValue ? (SentenceRole)r.IntegerValue : null;
                sentences.Add(new PaperSentence(sentences.Count, entry.TryGetValue(TextKey, out var text) ? text.StringValue : "", role, vector)
                {
                    Section = entry.TryGetValue(SectionKey, out var section) && section.KindCase == Value.KindOneofCase.StringValue ? section.StringValue : null,
                    Page = entry.TryGetValue(PageKey, out var page) && page.KindCase == Value.KindOneofCase.IntegerValue ? (int)page.IntegerValue : null,
                });
            }
        }
        return new PaperSentences(paperId, title, sentences);
    }
}
