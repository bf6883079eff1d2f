using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

[Collection(ModelCollection.Name)]
public sealed class LocalSentenceEncoderTests(ModelFixture fixture)
{
    private static readonly string[] Abstracts =
    [
        "We propose a graph neural network that predicts molecular properties from atom and bond features.",
        "Message passing networks on molecular graphs improve prediction of chemical properties.",
        "A simple recipe for sourdough bread needs flour, water, salt and a starter.",
        "Large language models can be aligned with human preferences using reinforcement learning from feedback.",
        "Diffusion models generate high-resolution images by iteratively denoising random noise.",
        "Federated learning trains a shared model across hospitals without exchanging patient data.",
        "Retrieval-augmented generation grounds answers in documents fetched from an index.",
        "The football match ended in a draw after extra time.",
        "Quantum error correction protects logical qubits from decoherence.",
        "Contrastive pretraining aligns image and text representations in a shared embedding space.",
    ];

    [Fact]
    public async Task A_related_pair_scores_clearly_above_an_unrelated_pair()
    {
        var vectors = await fixture.Encoder.GenerateAsync(Abstracts[..3]);

        var related = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);

        Assert.True(related > unrelated + 0.2f, $"related {related:F3} should clearly exceed unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task Vectors_are_unit_length_with_the_advertised_size()
    {
        var vectors = await fixture.Encoder.GenerateAsync(Abstracts);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(v.Vector.Span), 1e-5f);
            Assert.Equal(LocalModels.Default.Name, v.ModelId);
        });
    }

    [Fact]
    public async Task A_batch_gives_the_same_vectors_as_one_text_at_a_time()
    {
        var encoder = fixture.Encoder;
        var batch = await encoder.GenerateAsync(Abstracts);

        for (var i = 0; i < Abstracts.Length; i++)
        {
            var single = await encoder.GenerateVectorAsync(Abstracts[i]);
            VectorAssert.Close(batch[i].Vector.ToArray(), single.Span, 1e-5f, $"text {i}");
        }
    }

    [Fact]
    public async Task Eight_threads_at_once_get_the_same_vectors_as_sequential_calls()
    {
        var encoder = fixture.Encoder;
        var sequential = new List<float[]>();
        foreach (var text in Abstracts)
        {
            sequential.Add((await encoder.GenerateVectorAsync(text)).ToArray());
        }

        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var results = new List<(int Index, float[] Vector)>();
                for (var round = 0; round < 3; round++)
                {
                    // Each thread mixes single calls and small batches in its own order.
                    var index = (t + round) % Abstracts.Length;
                    results.Add((index, encoder.GenerateVectorAsync(Abstracts[index]).GetAwaiter().GetResult().ToArray()));
                    var pair = encoder.GenerateAsync([Abstracts[(index + 1) % Abstracts.Length], Abstracts[(index + 2) % Abstracts.Length]]).GetAwaiter().GetResult();
                    results.Add(((index + 1) % Abstracts.Length, pair[0].Vector.ToArray()));
                    results.Add(((index + 2) % Abstracts.Length, pair[1].Vector.ToArray()));
                }

                return results;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        foreach (var (index, vector) in (await Task.WhenAll(threads)).SelectMany(r => r))
        {
            VectorAssert.Close(sequential[index], vector, 1e-5f, $"text {index}");
        }
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("snowflake-arctic-embed-xs")]
    public async Task Texts_of_many_lengths_batched_by_length_get_the_same_vectors_as_one_at_a_time(string modelName)
    {
        var encoder = new LocalSentenceEncoder(fixture.For(modelName));
        // 40 texts from 2 to about 400 word pieces, in scrambled order: several runs, some of them token-limited.
        var texts = Enumerable.Range(0, 40)
            .Select(i => string.Join(' ', Enumerable.Range(0, 1 + ((i * 17) % 40)).Select(j => Abstracts[(i + j) % Abstracts.Length])))
            .ToArray();

        var batch = await encoder.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = await encoder.GenerateVectorAsync(texts[i]);
            VectorAssert.Close(batch[i].Vector.ToArray(), single.Span, 1e-5f, $"text {i}");
        }
    }

    [Fact]
    public async Task Text_with_no_readable_word_pieces_is_rejected_with_a_clear_message()
    {
        // Only combining accents, which the uncased tokenizer strips: nothing would be left but [CLS] [SEP].
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Encoder.GenerateAsync(["a real sentence", "\u0301\u0301"]));

        Assert.Contains("Text 1 of 2 has no word pieces", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task Empty_or_whitespace_text_is_rejected_with_a_clear_message(string text)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Encoder.GenerateAsync(["a real sentence", text]));

        Assert.Contains("Text 1 of 2 is empty or only whitespace", error.Message);
    }

    [Fact]
    public void Metadata_names_the_local_provider_model_and_dimensions()
    {
        var metadata = fixture.Encoder.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local", metadata.ProviderName);
        Assert.Equal(LocalModels.Default.Name, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Encoder.GenerateAsync(Abstracts, cancellationToken: cancelled.Token));
    }
}
