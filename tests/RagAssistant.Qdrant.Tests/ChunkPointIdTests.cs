using RagAssistant.Qdrant.Index;

namespace RagAssistant.Qdrant.Tests;

public sealed class ChunkPointIdTests
{
    [Fact]
    public void Matches_the_RFC_4122_version_5_reference_value()
    {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's standard library.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), ChunkPointId.NameBased(dns, "python.org"));
    }

    [Fact]
    public void Is_stable_per_chunk_and_distinct_between_chunks()
    {
        Assert.Equal(ChunkPointId.For("hf-0123#0"), ChunkPointId.For("hf-0123#0"));
        Assert.NotEqual(ChunkPointId.For("hf-0123#0"), ChunkPointId.For("hf-0123#1"));
        Assert.Equal(5, ChunkPointId.For("hf-0123#0").Version);
    }
}
