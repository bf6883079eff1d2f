using System.Reflection;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>The models travel inside their package assemblies: nothing is read from npm or any model folder.</summary>
public sealed class EmbeddedModelTests
{
    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("snowflake-arctic-embed-xs")]
    public void Each_model_is_an_embedded_resource_of_an_assembly_deployed_beside_the_app(string modelName)
    {
        var model = LocalModels.Find(modelName);
        var assembly = Assembly.Load(new AssemblyName(model.ResourceAssembly));

        Assert.Equal(Path.GetFullPath(AppContext.BaseDirectory), Path.GetDirectoryName(assembly.Location) + Path.DirectorySeparatorChar);
        Assert.Contains(model.ModelResource, assembly.GetManifestResourceNames());
        Assert.Contains(model.VocabularyResource, assembly.GetManifestResourceNames());
    }
}
