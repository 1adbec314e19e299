using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests;

/// <summary>Small builders shared by the tests. Every date is explicit: nothing reads the clock.</summary>
internal static class TestData
{
    /// <summary>The as-of date every test scores on unless it says otherwise.</summary>
    public static readonly DateOnly AsOf = new(2026, 3, 2);

    /// <summary>An account that supplies the five signals directly (null leaves one out).</summary>
    public static Account Account(
        double? planFit = null,
        double? velocity = null,
        double? engagement = null,
        double? champion = null,
        double? triggers = null,
        Segment segment = Segment.MidMarket,
        double arr = 100_000,
        string id = "acct-1")
        => new()
        {
            Id = id,
            Arr = arr,
            Segment = segment,
            Signals = SignalValues.Of(planFit, velocity, engagement, champion, triggers),
        };

    /// <summary>An account whose five signals all equal <paramref name="value"/>, so its composite is exactly that value under any preset.</summary>
    public static Account Uniform(double value, Segment segment = Segment.MidMarket, double arr = 100_000)
        => Account(value, value, value, value, value, segment, arr);

    /// <summary>The composite that the default transform (5 + 0.9 × composite) turns into <paramref name="probability"/>.</summary>
    public static double CompositeFor(double probability) => (probability - 5) / 0.9;

    /// <summary>Asserts two numbers agree to a relative tolerance (absolute below 1).</summary>
    public static void Close(double expected, double actual, double tolerance = 1e-9)
        => Assert.Equal(expected, actual, tolerance * Math.Max(1, Math.Abs(expected)));

    /// <summary>A model whose probability equals the composite (still clamped to 5..95), for tests that need exact probabilities.</summary>
    public static ScoringModel IdentityModel(Action<ExpansionScoringOptions>? configure = null)
    {
        var builder = new ScoringModelBuilder().UseProbabilityTransform(new LinearProbabilityTransform(0, 1));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.Build();
    }
}

/// <summary>Runs code under the invariant culture, so messages with numbers read the same on every machine.</summary>
internal static class InvariantCulture
{
    public static T Run<T>(Func<T> action)
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            return action();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}

/// <summary>Small helpers to change one directly supplied signal.</summary>
internal static class AccountSignalExtensions
{
    public static Account With(this Account account, double? planFit = null, double? velocity = null, double? engagement = null, double? champion = null, double? triggers = null)
    {
        var s = account.Signals;
        if (planFit is { } p)
        {
            s = s.With(SignalKey.PlanFit, p);
        }

        if (velocity is { } v)
        {
            s = s.With(SignalKey.Velocity, v);
        }

        if (engagement is { } e)
        {
            s = s.With(SignalKey.Engagement, e);
        }

        if (champion is { } c)
        {
            s = s.With(SignalKey.Champion, c);
        }

        if (triggers is { } t)
        {
            s = s.With(SignalKey.Triggers, t);
        }

        return account with { Signals = s };
    }
}
