using Microsoft.Extensions.Options;
using RagAssistant.Redis;
using RagAssistant.Redis.Uploads;
using StackExchange.Redis;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// The upload queue several nodes share, on a real Redis: each upload goes to one node with its files' bytes intact, the
/// queue refuses past its capacity, and an upload whose node died (stopped renewing it) is claimed by another node.
/// </summary>
public sealed class UploadStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private RedisServer? _redis;
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
    }

    private RedisUploadStream Node(TimeSpan? claimAfter = null) => new(_connection!, Options.Create(new RedisOptions()), claimAfter);

    [Fact]
    public async Task Each_upload_goes_to_one_node_with_its_bytes_and_the_queue_refuses_past_its_capacity()
    {
        var (a, b) = (Node(), Node());
        byte[] page = [.. "Heron Paper\nGrey herons migrate.\n"u8, 0xC3, 0xA9, 0x00, 0xFF];

        Assert.True(await a.TryAddAsync("job-1", [new("page.txt", page), new("more.jsonl", "{}"u8.ToArray())], capacity: 2));
        Assert.True(await b.TryAddAsync("job-2", [new("other.txt", "x"u8.ToArray())], capacity: 2));
        Assert.False(await a.TryAddAsync("job-3", [new("late.txt", "y"u8.ToArray())], capacity: 2));

        var first = await b.TakeAsync();
        var second = await a.TakeAsync();
        Assert.Null(await a.TakeAsync());
        Assert.Null(await b.TakeAsync());

        Assert.Equal("job-1", first!.JobId);
        Assert.Equal(["page.txt", "more.jsonl"], first.Files.Select(file => file.Name));
        Assert.Equal(page, first.Files[0].Bytes);
        Assert.Equal("job-2", second!.JobId);

        // A finished upload frees its place.
        await b.CompleteAsync(first.EntryId);
        Assert.True(await a.TryAddAsync("job-3", [new("late.txt", "y"u8.ToArray())], capacity: 2));
    }

    [Fact]
    public async Task An_upload_whose_node_stopped_renewing_it_is_claimed_by_another_node()
    {
        var dead = Node(claimAfter: TimeSpan.FromMilliseconds(300));
        var alive = Node(claimAfter: TimeSpan.FromMilliseconds(300));
        Assert.True(await dead.TryAddAsync("job-orphan", [new("orphan.jsonl", "{\"title\":\"t\"}"u8.ToArray())], capacity: 16));
        var taken = await dead.TakeAsync();
        Assert.NotNull(taken);

        // The taker never renews nor completes it, as a killed node would.
        using var guard = new CancellationTokenSource(HangGuard);
        StreamedUpload? claimed;
        while ((claimed = await alive.TakeAsync()) is null) await Task.Delay(100, guard.Token);

        Assert.Equal(taken.EntryId, claimed.EntryId);
        Assert.Equal("job-orphan", claimed.JobId);
        Assert.Equal((1, 2), (taken.Deliveries, claimed.Deliveries));
        Assert.Equal("{\"title\":\"t\"}"u8.ToArray(), claimed.Files[0].Bytes);
        await alive.CompleteAsync(claimed.EntryId);
        await Task.Delay(400);
        Assert.Null(await alive.TakeAsync());
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
