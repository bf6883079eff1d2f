using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RagAssistant.Web.Tests.Hosting;

/// <summary>
/// The real app on Kestrel at a free loopback port, with its own data directory, so that SignalR clients and a
/// browser reach it as they would in production. The sample corpus is indexed on start, as on a first run.
/// <paramref name="localEmbeddings"/> false runs BM25 only (<c>Embeddings:Provider=none</c>), for tests where the
/// model is not the subject.
/// </summary>
public sealed class RagAppHost(bool localEmbeddings, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Upper bound for the sample corpus to be indexed; a guard against a hung start, not a performance check.</summary>
    public static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(4);

    public string DataDir { get; } = Directory.CreateTempSubdirectory("rag-web-test-").FullName;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Starts Kestrel without waiting for /health, for an app that is not meant to become ready.</summary>
    public void Start()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Starts Kestrel and waits until /health says the app can answer.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Start();
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyWithin);
        while (true)
        {
            using var response = await http.GetAsync("/health", deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(200, deadline.Token);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Rag:DataDir", DataDir);
        builder.UseSetting("Rag:Store", "embedded");
        builder.UseSetting("Chat:Provider", "extractive");
        if (!localEmbeddings) builder.UseSetting("Embeddings:Provider", "none");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temp folder is cleaned by the OS later.
        }
    }
}
