using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// The sentences an answer's writer reads come from the index with their vectors: every source's abstract, sentence by
/// sentence, each sentence embedded — so choosing what to quote needs no encoder at question time.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class SourceSentencesTests(SampleCorpusFixture fixture)
{
    [Fact]
    public async Task Every_source_comes_with_its_abstracts_sentences_and_their_vectors()
    {
        await using var services = await fixture.ServicesAsync();
        var retrieved = await services.GetRequiredService<SourceRetriever>().RetrieveAsync("neural emulators of atmospheric CO2 transport", AnswerKind.Answer);

        Assert.NotEmpty(retrieved.Sources);
        foreach (var source in retrieved.Sources)
        {
            var sentences = retrieved.Sentences![source.PaperId].Sentences;
            Assert.Equal(SentenceSplitter.Split(source.Abstract), sentences.Select(sentence => sentence.Text));
            Assert.All(sentences, sentence => Assert.Equal(fixture.Model.Model.Dimensions, sentence.Vector.Length));
            Assert.Equal([.. Enumerable.Range(0, sentences.Count)], sentences.Select(sentence => sentence.Ordinal));
        }
    }

    [Fact]
    public async Task The_best_sentence_of_the_first_source_is_closer_to_the_question_than_its_average_sentence()
    {
        await using var services = await fixture.ServicesAsync();
        var retrieved = await services.GetRequiredService<SourceRetriever>().RetrieveAsync("physics-informed neural networks for solving PDEs", AnswerKind.Answer);

        var cosines = retrieved.Sentences![retrieved.Sources[0].PaperId].Sentences
            .Select(sentence => TensorPrimitives.CosineSimilarity(sentence.Vector.Span, retrieved.QueryVector!.Value.Span))
            .ToList();

        Assert.True(cosines.Max() > cosines.Average() + 0.05, $"cosines {string.Join(", ", cosines.Select(c => c.ToString("F2")))}");
    }
}
