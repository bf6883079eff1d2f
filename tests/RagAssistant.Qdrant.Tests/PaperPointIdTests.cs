using RagAssistant.Qdrant.Index;

namespace RagAssistant.Qdrant.Tests;

public sealed class PaperPointIdTests
{
    [Fact]
    public void Matches_the_RFC_4122_version_5_reference_value()
    {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's standard library.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), PaperPointId.NameBased(dns, "python.org"));
    }

    [Fact]
    public void Is_stable_per_paper_and_distinct_between_papers()
    {
        Assert.Equal(PaperPointId.For("hf-0123"), PaperPointId.For("hf-0123"));
        Assert.NotEqual(PaperPointId.For("hf-0123"), PaperPointId.For("hf-0124"));
        Assert.Equal(5, PaperPointId.For("hf-0123").Version);
    }
}
