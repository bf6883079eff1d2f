using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagAssistant.Tests;

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> endpoint on 127.0.0.1 whose every reply is scripted: answer (streamed
/// or whole), call tools (streamed as <c>tool_calls</c> deltas, as OpenAI sends them), fail with a status code, or stay
/// silent for a while. The only stand-in in these tests — no language model can be had offline — and it speaks the real
/// wire protocol to Semantic Kernel's real OpenAI connector.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private readonly List<Request> _requests = [];
    private readonly Func<int, Request, Reply> _script;

    /// <param name="script">The reply to the n-th request (0-based).</param>
    public ScriptedChatServer(Func<int, Reply> script) : this((n, _) => script(n))
    {
    }

    /// <param name="script">The reply to the n-th request (0-based), which it may read.</param>
    public ScriptedChatServer(Func<int, Request, Reply> script)
    {
        _script = script;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL for <c>Chat:Endpoint</c>.</summary>
    public string Endpoint { get; }

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    public abstract record Reply;

    /// <summary>The model's text, streamed word by word when the client asks for a stream.</summary>
    public sealed record Answer(string Text) : Reply;

    /// <summary>The model asks for tools; <see cref="ToolCall.Arguments"/> is sent as given, valid JSON or not.</summary>
    public sealed record ToolCalls(params ToolCall[] Calls) : Reply;

    /// <summary>One call as the model names it: <c>papers-search_papers</c> (Semantic Kernel joins plugin and function with a dash).</summary>
    public sealed record ToolCall(string Name, string Arguments);

    public sealed record Fail(HttpStatusCode Status) : Reply;

    /// <summary>Accepts the request and says nothing for <paramref name="For"/> (or until the server stops).</summary>
    public sealed record Silence(TimeSpan For) : Reply;

    public sealed record Request(DateTimeOffset At, string? Authorization, JsonObject Body)
    {
        public IReadOnlyList<(string Role, string Content)> Messages =>
            [.. Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), Content(m["content"])))];

        /// <summary>Tools are on offer and the model may call them.</summary>
        public bool OffersTools =>
            Body["tools"] is JsonArray { Count: > 0 } && Body["tool_choice"]?.ToString() != "none";

        /// <summary>What the tools answered so far in this conversation, in order.</summary>
        public IReadOnlyList<string> ToolResults => [.. Messages.Where(m => m.Role == "tool").Select(m => m.Content)];

        private static string Content(JsonNode? content) =>
            content is JsonArray parts ? string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())) : content?.GetValue<string>() ?? "";
    }

    private async Task ServeAsync()
    {
        var n = 0;
        while (!_stopping.IsCancellationRequested)
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
            if (context.Request.HttpMethod != "POST" || !context.Request.Url!.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                // The app's health probe lists the models: answer it, outside the script.
                _ = Task.Run(() => AnswerModelsAsync(context));
                continue;
            }
            var index = n++;
            _ = Task.Run(() => AnswerAsync(context, index));
        }
    }

    private static async Task AnswerModelsAsync(HttpListenerContext context)
    {
        try
        {
            await WriteJsonAsync(context.Response, new JsonObject { ["object"] = "list", ["data"] = new JsonArray() });
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, int index)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            var request = new Request(DateTimeOffset.UtcNow, context.Request.Headers["Authorization"], body);
            lock (_requests) _requests.Add(request);
            var reply = _script(index, request);
            var response = context.Response;
            switch (reply)
            {
                case Silence silence:
                    await Task.Delay(silence.For, _stopping.Token);
                    await WriteCompletionAsync(response, body, "Too late.");
                    break;
                case Fail fail:
                    response.StatusCode = (int)fail.Status;
                    await WriteJsonAsync(response, new JsonObject { ["error"] = new JsonObject { ["message"] = $"scripted {(int)fail.Status}", ["type"] = "server_error" } });
                    break;
                case Answer answer:
                    await WriteCompletionAsync(response, body, answer.Text);
                    break;
                case ToolCalls tools:
                    await WriteToolCallsAsync(response, body, tools.Calls, index);
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (a timeout) or the server is stopping: nothing to answer.
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task WriteCompletionAsync(HttpListenerResponse response, JsonObject request, string text)
    {
        var model = request["model"]?.GetValue<string>() ?? "scripted";
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(response, new JsonObject
            {
                ["id"] = "chatcmpl-scripted", ["object"] = "chat.completion", ["created"] = 1, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            });
            return;
        }
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var delta = new JsonObject { ["content"] = (i == 0 ? "" : " ") + words[i] };
            if (i == 0) delta["role"] = "assistant";
            await WriteEventAsync(response, Chunk(model, delta, null));
        }
        await WriteEventAsync(response, Chunk(model, new JsonObject(), "stop"));
        await response.OutputStream.WriteAsync("data: [DONE]\n\n"u8.ToArray());
    }

    private static async Task WriteToolCallsAsync(HttpListenerResponse response, JsonObject request, IReadOnlyList<ToolCall> calls, int requestIndex)
    {
        var model = request["model"]?.GetValue<string>() ?? "scripted";
        string Id(int i) => $"call_{requestIndex}_{i}";
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(response, new JsonObject
            {
                ["id"] = "chatcmpl-scripted", ["object"] = "chat.completion", ["created"] = 1, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "tool_calls",
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant", ["content"] = null,
                        ["tool_calls"] = new JsonArray([.. calls.Select((call, i) => (JsonNode)new JsonObject
                        {
                            ["id"] = Id(i), ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                        })]),
                    },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            });
            return;
        }
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        for (var i = 0; i < calls.Count; i++)
        {
            // The name and id come first with empty arguments; the arguments follow in pieces, as OpenAI streams them.
            var opening = new JsonObject
            {
                ["index"] = i, ["id"] = Id(i), ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = calls[i].Name, ["arguments"] = "" },
            };
            var delta = new JsonObject { ["tool_calls"] = new JsonArray(opening) };
            if (i == 0) delta["role"] = "assistant";
            await WriteEventAsync(response, Chunk(model, delta, null));
            foreach (var piece in calls[i].Arguments.Chunk(7).Select(chars => new string(chars)))
            {
                var argument = new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = piece } };
                await WriteEventAsync(response, Chunk(model, new JsonObject { ["tool_calls"] = new JsonArray(argument) }, null));
            }
        }
        await WriteEventAsync(response, Chunk(model, new JsonObject(), "tool_calls"));
        await response.OutputStream.WriteAsync("data: [DONE]\n\n"u8.ToArray());
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-scripted", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteEventAsync(HttpListenerResponse response, JsonObject chunk)
    {
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes($"data: {chunk.ToJsonString()}\n\n"));
        await response.OutputStream.FlushAsync();
    }

    private static async Task WriteJsonAsync(HttpListenerResponse response, JsonObject json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions()));
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
