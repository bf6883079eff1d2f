using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagAssistant.Embeddings.Tests;

/// <summary>
/// A minimal OpenAI-compatible /v1/embeddings endpoint on 127.0.0.1 that records each request and answers with vectors
/// computed from the inputs, in float or base64 form as the request asks.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly List<RecordedRequest> _requests = [];

    public ScriptedOpenAiServer(int dimensions)
    {
        Dimensions = dimensions;
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public int Dimensions { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The vector this server returns for a text: simple, distinct per text and per position.</summary>
    public static float[] VectorFor(string text, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(i => (text.Length * 0.5f) + (i * 0.25f) - 1f).ToArray();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], JsonNode.Parse(body)!.AsObject());
            lock (_requests)
            {
                _requests.Add(request);
            }

            var answer = Encoding.UTF8.GetBytes(Answer(request.Body).ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private JsonObject Answer(JsonObject request)
    {
        var inputs = request["input"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray();
        var dimensions = request["dimensions"]?.GetValue<int>() ?? Dimensions;
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var vector = VectorFor(inputs[i], dimensions);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 7, ["total_tokens"] = 7 },
        };
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public sealed record RecordedRequest(string Method, string Path, string? Authorization, JsonObject Body)
    {
        public override string ToString() => $"{Method} {Path} {Body.ToJsonString(new JsonSerializerOptions { WriteIndented = false })}";
    }
}
