using System.Text.Json;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Cli.Tests;

/// <summary>
/// A 10 KB <c>_id</c> in JSON Lines, through the real `rag index` on both stores: an error naming the file, the line
/// and the field, the other papers indexed, and a normal exit (the Qdrant store once died on a long id).
/// </summary>
public sealed class OversizeIdTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rag-cli-data-").FullName;
    private readonly string _papers = Directory.CreateTempSubdirectory("rag-cli-papers-").FullName;

    [Theory]
    [InlineData("embedded")]
    [InlineData("qdrant")]
    public async Task A_ten_kilobyte_id_is_an_error_naming_file_line_and_field_and_the_rest_is_indexed(string store)
    {
        var node = store == "qdrant" ? await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh()) : null;
        try
        {
            var environment = IndexCommandTests.Environment();
            if (node is not null) environment["Qdrant__Url"] = node.Url;
            var file = Path.Combine(_papers, "papers.jsonl");
            await File.WriteAllLinesAsync(file, [
                Line("ok-1", "Graph neural networks for molecules", "Message passing predicts molecular properties."),
                Line(new string('x', 10 * 1024), "A paper with an absurd id", "Its id is ten kilobytes long."),
                Line("ok-3", "Protein folding with attention", "Attention over residues predicts protein structure."),
            ]);

            var result = await RagCli.RunAsync(["index", file, "--store", store, "--json", "--data-dir", _data], environment);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal(2, result.Json.GetProperty("added").GetInt32());
            var error = Assert.Single(result.Json.GetProperty("errors").EnumerateArray());
            Assert.Equal(file, error.GetProperty("file").GetString());
            Assert.Equal(2, error.GetProperty("line").GetInt32());
            Assert.StartsWith("the id (\"_id\") is 10,240 characters, over the limit of 256", error.GetProperty("message").GetString());
            var search = await RagCli.RunAsync(["search", "protein folding", "--store", store, "--json", "--data-dir", _data], environment);
            Assert.Equal("ok-3", search.Json.GetProperty("results")[0].GetProperty("paper_id").GetString());
        }
        finally
        {
            if (node is not null)
            {
                await node.DisposeAsync();
                node.DeleteFiles();
            }
        }
    }

    private static string Line(string id, string title, string text) => JsonSerializer.Serialize(new { _id = id, title, text });

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_papers, recursive: true);
    }
}
