using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// The services a Semantic Kernel is built on: the app's own, except that its loggers are filed under
/// <c>Microsoft.SemanticKernel.Functions</c>. The Kernel names a function's logger after the function ("Answer",
/// "search_papers"), which no logging setting can name in advance; filed under one prefix, the
/// <c>Microsoft.SemanticKernel</c> level (Warning in appsettings.json) covers them, and an answer logs nothing at Information.
/// </summary>
internal sealed class KernelServices(IServiceProvider services) : IKeyedServiceProvider
{
    public const string CategoryPrefix = "Microsoft.SemanticKernel.Functions.";

    public object? GetService(Type serviceType) =>
        serviceType == typeof(ILoggerFactory) && services.GetService(serviceType) is ILoggerFactory factory
            ? new PrefixedLoggerFactory(factory)
            : services.GetService(serviceType);

    // The Kernel looks services up by key too (a prompt's service id); those are the app's, unchanged.
    public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)services).GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)services).GetRequiredKeyedService(serviceType, serviceKey);

    private sealed class PrefixedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            inner.CreateLogger(categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? categoryName : CategoryPrefix + categoryName);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The app's factory belongs to the container, which disposes it.
        public void Dispose()
        {
        }
    }
}
