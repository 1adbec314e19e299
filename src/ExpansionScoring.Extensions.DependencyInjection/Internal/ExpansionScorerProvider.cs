using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>Creates each registered model's scorer once, on first use.</summary>
internal sealed class ExpansionScorerProvider(IServiceProvider services, ExpansionScoringRegistry registry) : IExpansionScorerProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ExpansionScorer>> scorers = new(StringComparer.Ordinal);

    public static ILogger CreateLogger(IServiceProvider services)
        => services.GetService<ILoggerFactory>()?.CreateLogger("ExpansionScoring") ?? NullLogger.Instance;

    public IExpansionScorer GetScorer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registry.TryGetSection(name, out _))
        {
            throw new KeyNotFoundException(name.Length == 0
                ? "No default expansion scoring model is registered; call services.AddExpansionScoring()."
                : $"No expansion scoring model named '{name}' is registered; call services.AddExpansionScoring(\"{name}\").");
        }

        var lazy = scorers.GetOrAdd(name, n => new Lazy<ExpansionScorer>(() => new ExpansionScorer(
            n,
            services.GetRequiredService<IOptionsMonitor<ExpansionScoringOptions>>(),
            services.GetRequiredService<ScoringPluginCatalog>().Get(n),
            services.GetRequiredService<TimeProvider>(),
            CreateLogger(services))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache a failure: a fixed configuration can succeed on the next call.
            scorers.TryRemove(new KeyValuePair<string, Lazy<ExpansionScorer>>(name, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in scorers.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }
}
