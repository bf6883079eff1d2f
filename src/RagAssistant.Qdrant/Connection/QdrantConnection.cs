using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Connection;

/// <summary>
/// The one gRPC connection to Qdrant, and the official <see cref="QdrantClient"/> on top of it. The
/// adapter part is <see cref="CallAsync{T}"/>: the client neither retries nor says which server failed,
/// so every call goes through it to be retried while Qdrant is briefly away and, when it stays away
/// (or refuses the API key), to become a <see cref="StoreUnavailableException"/> naming the URL (CLI exit code 3, HTTP 503).
/// </summary>
public sealed class QdrantConnection : IDisposable
{
    private readonly QdrantOptions _options;
    private readonly GrpcChannel _channel;
    private readonly ILogger<QdrantConnection> _logger;

    public QdrantConnection(IOptions<QdrantOptions> options, ILogger<QdrantConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        // An https URL gives TLS (the system's trusted roots), as Qdrant Cloud needs; http is plain HTTP/2.
        _channel = GrpcChannel.ForAddress(_options.Url, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = _options.AttemptTimeout,
                EnableMultipleHttp2Connections = true,
                // Notices a server that vanished without closing the connection (a SIGKILLed node, a cut network).
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            },
            // Upsert batches and scroll pages of papers are larger than gRPC's 4 MB default.
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        var invoker = _channel.CreateCallInvoker();
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            // As metadata, not call credentials: gRPC refuses credentials on a plain-HTTP channel, and a local server has no TLS.
            var apiKey = _options.ApiKey;
            invoker = invoker.Intercept(metadata =>
            {
                metadata.Add("api-key", apiKey);
                return metadata;
            });
        }
        // The client's own logging is off: it logs every failed call at error level, which would repeat for each retry of
        // an outage this class reports once. Qdrant.Client 1.20 for .NET runs no server-version check (unlike the Python and
        // Java clients), so a 1.16 server causes no warning either; OpenAsync checks the version itself.
        Client = new QdrantClient(new QdrantGrpcClient(invoker), _options.AttemptTimeout, NullLoggerFactory.Instance);
    }

    /// <summary>The server, for messages.</summary>
    public string Url => _options.Url;

    /// <summary>The official client, for calls that go through <see cref="CallAsync{T}"/> (and for benchmarks that time it bare).</summary>
    public QdrantClient Client { get; }

    /// <summary>
    /// Runs one idempotent Qdrant call, retrying when the server is unreachable, overloaded or slow. Every call the
    /// store makes is idempotent (deterministic point ids, whole-point upserts), so a retried write does no harm.
    /// </summary>
    public async Task<T> CallAsync<T>(string operation, Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(Client, cancellationToken);
            }
            catch (RpcException e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxRetries)
                {
                    throw new StoreUnavailableException(
                        $"Qdrant at {Url} cannot be reached after {_options.MaxRetries} retries ({Describe(e)}). " +
                        "Start it (scripts/qdrant.sh, or docker compose up qdrant) or point Qdrant__Url at a running server's gRPC port.", e);
                }
                var delay = _options.RetryDelay * Math.Pow(2, attempt);
                _logger.LogDebug("Qdrant at {Url}: {Operation} failed ({Status}); retry {Attempt} in {Delay}", Url, operation, e.StatusCode, attempt + 1, delay);
                await Task.Delay(delay, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                // The server is there but unusable with this configuration: for the user, the same as unreachable (exit 3, HTTP 503).
                throw new StoreUnavailableException($"Qdrant at {Url} refused the API key ({e.StatusCode}); set Qdrant__ApiKey to the server's key.", e);
            }
            catch (RpcException e)
            {
                throw new QdrantRefusedException(e.StatusCode, $"Qdrant at {Url} refused to {operation}: {Describe(e)}", e);
            }
            catch (global::Qdrant.Client.QdrantException e)
            {
                // Qdrant.Client's own exception: the server answered "false" (e.g. nothing was deleted).
                throw new QdrantRefusedException(StatusCode.Unknown, $"Qdrant at {Url} did not {operation}: {e.Message}", e);
            }
        }
    }

    public async Task CallAsync(string operation, Func<QdrantClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await CallAsync(operation, async (client, token) =>
        {
            await call(client, token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// One call with a short limit and no retries, for status pages: null when Qdrant answers and accepts the key, else why
    /// not. It asks whether the collection exists, since Qdrant's health check answers even a caller with a wrong key.
    /// </summary>
    public async Task<string?> ProbeAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await Client.CollectionExistsAsync(_options.Collection, timeout.Token);
            return null;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return e.StatusCode switch
            {
                StatusCode.Unauthenticated or StatusCode.PermissionDenied => $"the key was refused ({e.StatusCode})",
                StatusCode.Cancelled or StatusCode.DeadlineExceeded => $"no answer within {limit.TotalSeconds:0.#} s",
                _ => Describe(e),
            };
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }

    /// <summary>
    /// Not there, overloaded, too slow, or the connection broke mid-call (gRPC reports that as Internal with the
    /// transport's exception attached): worth asking again. Anything else is Qdrant's answer.
    /// </summary>
    private static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted
        || (e.StatusCode == StatusCode.Internal && e.Status.DebugException is HttpRequestException or IOException);

    /// <summary>gRPC puts the cause of a transport failure (e.g. "Connection refused") in the inner exception.</summary>
    private static string Describe(RpcException e) => e.Status.DebugException is { } cause
        ? $"{e.Status.Detail.TrimEnd('.')}: {cause.Message}"
        : $"{e.StatusCode}: {e.Status.Detail}";
}
