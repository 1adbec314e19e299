using System.Globalization;
using ExpansionScoring.Internal;

namespace ExpansionScoring.Pql;

/// <summary>A usage alert: a limit crossed one of the alert levels.</summary>
public sealed record UsageAlert
{
    /// <summary>Gets the limit's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the highest alert level crossed, as a share (0.5, 0.75 or 0.9 by default).</summary>
    public double Level { get; init; }

    /// <summary>Gets the used share of the limit.</summary>
    public double Saturation { get; init; }

    /// <summary>Gets the projected days until the limit is reached at the current trend; <see langword="null"/> when flat or falling.</summary>
    public int? DaysToLimit { get; init; }

    /// <summary>Gets a one-line message, such as "API calls at 92 % of the limit; at this rate the limit is reached in 14 days".</summary>
    public required string Message { get; init; }
}

/// <summary>Usage alerts at 50 / 75 / 90 % of a limit, and a days-to-limit projection from the current trend (SPEC §10).</summary>
public static class UsageAlerts
{
    /// <summary>Gets the default alert levels: 50, 75 and 90 %.</summary>
    public static IReadOnlyList<double> DefaultLevels { get; } = [0.50, 0.75, 0.90];

    /// <summary>Returns the alert for a limit, or <see langword="null"/> when it is below every level.</summary>
    /// <param name="usage">The limit and its usage.</param>
    /// <param name="levels">The alert levels as shares; <see langword="null"/> for 50 / 75 / 90 %.</param>
    /// <returns>The alert, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is <see langword="null"/>.</exception>
    public static UsageAlert? Evaluate(LimitUsage usage, IReadOnlyList<double>? levels = null)
    {
        Guard.NotNull(usage);
        levels ??= DefaultLevels;
        double crossed = levels.Where(l => usage.Saturation >= l).DefaultIfEmpty(double.NaN).Max();
        if (double.IsNaN(crossed))
        {
            return null;
        }

        int? days = DaysToLimit(usage.History, usage.Limit);
        string message = string.Create(CultureInfo.InvariantCulture, $"{usage.Name} at {100 * usage.Saturation:0} % of the limit");
        message += days switch
        {
            0 => "; the limit is reached",
            { } d => string.Create(CultureInfo.InvariantCulture, $"; at this rate the limit is reached in {d} days"),
            null => "; usage is flat or falling",
        };
        return new UsageAlert { Name = usage.Name, Level = crossed, Saturation = usage.Saturation, DaysToLimit = days, Message = message };
    }

    /// <summary>
    /// Projects the days until <paramref name="limit"/> is reached from a least-squares line through the readings.
    /// </summary>
    /// <param name="readings">Dated readings; at least two on different days are needed.</param>
    /// <param name="limit">The limit.</param>
    /// <returns>Days from the last reading (0 when already reached), or <see langword="null"/> when usage is flat or falling or the readings are too few.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="readings"/> is <see langword="null"/>.</exception>
    public static int? DaysToLimit(IReadOnlyList<UsageReading> readings, double limit)
    {
        Guard.NotNull(readings);
        if (readings.Count == 0)
        {
            return null;
        }

        var last = readings.MaxBy(r => r.Date);
        if (last.Used >= limit)
        {
            return 0;
        }

        if (readings.Select(r => r.Date).Distinct().Count() < 2)
        {
            return null;
        }

        double meanX = readings.Average(r => (double)r.Date.DayNumber);
        double meanY = readings.Average(r => r.Used);
        double sxy = readings.Sum(r => (r.Date.DayNumber - meanX) * (r.Used - meanY));
        double sxx = readings.Sum(r => (r.Date.DayNumber - meanX) * (r.Date.DayNumber - meanX));
        double slope = sxy / sxx;
        if (!(slope > 1e-12))
        {
            return null;
        }

        double current = meanY + (slope * (last.Date.DayNumber - meanX));
        return (int)Math.Max(0, Math.Ceiling((limit - current) / slope));
    }
}
