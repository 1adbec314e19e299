using System.Collections.Concurrent;
using ExpansionScoring.Offers;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Extensions.DependencyInjection.Tests;

/// <summary>NPS (−100..100) from <c>Metrics["nps"]</c>, mapped to 0..100.</summary>
internal sealed class NpsScorer : ISignalScorer
{
    public static readonly SignalKey Nps = SignalKey.Of("Nps");

    public SignalKey Key => Nps;

    public SignalReading Score(in SignalScorerArguments arguments)
        => arguments.Account.TryGetMetric("nps", out double nps)
            ? SignalReading.Of(Math.Clamp((nps + 100) / 2, 0, 100))
            : SignalReading.Missing("no NPS");
}

/// <summary>Always offers an add-on.</summary>
internal sealed class AlwaysAddOnRule : IOfferRule
{
    public string Name => "AlwaysAddOn";

    public OfferKind Offer => OfferKind.AddOn;

    public bool Matches(in OfferRuleArguments arguments) => true;

    public string Explain(in OfferRuleArguments arguments) => "always";
}

/// <summary>Probability 42 whatever the composite (the model still clamps to 5..95).</summary>
internal sealed class FlatTransform : IProbabilityTransform
{
    public double Transform(double composite) => 42;
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

internal sealed record LogEntry(LogLevel Level, string Category, string Message);

/// <summary>Collects every log entry in memory.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception)));
    }
}
