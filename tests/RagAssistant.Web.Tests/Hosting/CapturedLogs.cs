using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagAssistant.Web.Tests.Hosting;

/// <summary>Every log record the app writes, at every level, with its message, state values and exception text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _records = new();
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every record: log entries and the scopes opened around them.</summary>
    public IReadOnlyList<string> Records => [.. _records];

    /// <summary>The log entries alone — what a console prints (it shows no scopes by default).</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>For <c>RagAppHost</c>'s service callback: adds this provider and lets everything through to it.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddLogging(logging => logging.AddProvider(this).AddFilter<CapturedLogs>(_ => true));

    /// <summary>
    /// For <c>RagAppHost</c>'s service callback: adds this provider under the app's configured levels (the shipped
    /// <c>appsettings.json</c>'s <c>Logging</c> section), so it receives what the console does.
    /// </summary>
    public void AddAtConfiguredLevels(IServiceCollection services) => services.AddLogging(logging => logging.AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> records, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            records.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = $"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)} | {exception}";
            records.Enqueue(entry);
            entries.Enqueue(entry);
        }

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(pair => $"{pair.Key}={pair.Value}"))
                : state?.ToString() ?? string.Empty;
    }
}
