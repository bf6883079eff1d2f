using Microsoft.Extensions.AI;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

public sealed class ModelFilesTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("use-lite-test-").FullName;

    [Fact]
    public async Task A_missing_model_folder_names_the_path_and_the_fetch_command()
    {
        var missing = Path.Combine(_scratch, "no-such-model");
        using var model = new UseLiteModel(missing);
        using var encoder = new LocalSentenceEncoder(model);

        var error = await Assert.ThrowsAsync<EmbeddingModelUnavailableException>(() => encoder.GenerateAsync(["graph neural networks"]));

        Assert.Contains(missing, error.Message);
        Assert.Contains("npm ci --ignore-scripts", error.Message);
        Assert.Contains("Embeddings:ModelPath", error.Message);
    }

    [Fact]
    public void A_missing_vocabulary_is_reported_by_name()
    {
        File.WriteAllText(Path.Combine(_scratch, "model.json"), "{}");
        using var model = new UseLiteModel(_scratch);

        var error = Assert.Throws<EmbeddingModelUnavailableException>(() => new UseLiteTokenCounter(model).CountTokens("hello"));

        Assert.Contains("vocab.json is missing", error.Message);
        Assert.Contains("npm ci --ignore-scripts", error.Message);
    }

    [Fact]
    public async Task A_truncated_weight_shard_is_reported_as_such()
    {
        var installed = new UseLiteModel().Folder;
        foreach (var file in Directory.GetFiles(installed))
        {
            File.Copy(file, Path.Combine(_scratch, Path.GetFileName(file)));
        }

        var shard = Directory.GetFiles(_scratch, "group1-shard*").Order().Last();
        using (var stream = File.OpenWrite(shard))
        {
            stream.SetLength(stream.Length / 2);
        }

        using var model = new UseLiteModel(_scratch);
        using var encoder = new LocalSentenceEncoder(model);

        var error = await Assert.ThrowsAsync<EmbeddingModelUnavailableException>(() => encoder.GenerateAsync(["graph neural networks"]));

        Assert.Contains("truncated", error.Message);
        Assert.Contains("npm ci --ignore-scripts", error.Message);
    }

    [Fact]
    public async Task Corrupt_model_json_is_reported_with_its_path()
    {
        var installed = new UseLiteModel().Folder;
        File.Copy(Path.Combine(installed, "vocab.json"), Path.Combine(_scratch, "vocab.json"));
        File.WriteAllText(Path.Combine(_scratch, "model.json"), "{ \"modelTopology\": ");
        using var model = new UseLiteModel(_scratch);
        using var encoder = new LocalSentenceEncoder(model);

        var error = await Assert.ThrowsAsync<EmbeddingModelUnavailableException>(() => encoder.GenerateAsync(["graph neural networks"]));

        Assert.Contains(Path.Combine(_scratch, "model.json"), error.Message);
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void The_default_location_is_found_above_the_test_binaries()
    {
        var folder = UseLiteModelLocator.Resolve(configuredPath: null);

        Assert.True(File.Exists(Path.Combine(folder, "model.json")), folder);
        Assert.EndsWith(UseLiteModelLocator.RelativeModelFolder, folder);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
