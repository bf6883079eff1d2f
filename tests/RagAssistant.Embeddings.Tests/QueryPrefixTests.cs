using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Retrieval;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>snowflake-arctic-embed-xs reads queries after an instruction; all-MiniLM-L6-v2 reads both alike.</summary>
[Collection(ModelCollection.Name)]
public sealed class QueryPrefixTests(ModelFixture fixture)
{
    private const string Question = "Does vitamin D prevent fractures in older adults?";

    [Fact]
    public async Task ArcticXs_puts_its_instruction_before_a_query_and_not_before_a_document()
    {
        var encoder = new LocalSentenceEncoder(fixture.ArcticXs);

        var asQuery = await encoder.GenerateVectorAsync(Question, QueryEmbedding.Options);
        var asDocument = await encoder.GenerateVectorAsync(Question);
        var prefixedDocument = await encoder.GenerateVectorAsync(LocalModels.ArcticXs.QueryPrefix + Question);

        VectorAssert.Close(prefixedDocument.ToArray(), asQuery.Span, 1e-5f, "query = instruction + text");
        Assert.True(TensorPrimitives.CosineSimilarity(asQuery.Span, asDocument.Span) < 0.99f, "the query vector should differ from the document vector");
    }

    [Fact]
    public async Task MiniLm_embeds_a_query_exactly_as_a_document()
    {
        var encoder = new LocalSentenceEncoder(fixture.MiniLm);

        var asQuery = await encoder.GenerateVectorAsync(Question, QueryEmbedding.Options);
        var asDocument = await encoder.GenerateVectorAsync(Question);

        VectorAssert.Close(asDocument.ToArray(), asQuery.Span, 0f, "MiniLM query");
    }

    [Fact]
    public void Only_the_query_marker_counts_as_a_query()
    {
        Assert.True(QueryEmbedding.IsQuery(QueryEmbedding.Options));
        Assert.False(QueryEmbedding.IsQuery(null));
        Assert.False(QueryEmbedding.IsQuery(new EmbeddingGenerationOptions()));
        Assert.False(QueryEmbedding.IsQuery(new EmbeddingGenerationOptions { AdditionalProperties = new() { [QueryEmbedding.InputKindKey] = "document" } }));
    }
}
