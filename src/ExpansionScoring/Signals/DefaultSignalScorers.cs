namespace ExpansionScoring.Signals;

/// <summary>
/// The default scorers that derive the built-in signals from raw telemetry (SPEC §2).
/// Each is replaceable: register another scorer for the same key.
/// </summary>
public static class DefaultSignalScorers
{
    /// <summary>Gets PlanFit = 100 × min(1, max(seat saturation, metered-usage saturation)).</summary>
    public static ISignalScorer PlanFit { get; } = new PlanFitScorer();

    /// <summary>Gets Velocity = 50 + trend% × 5/3, clamped to 0..100.</summary>
    public static ISignalScorer Velocity { get; } = new VelocityScorer();

    /// <summary>Gets Engagement = 100 × (0.6 × adoption + 0.4 × min(1, departments / 3)).</summary>
    public static ISignalScorer Engagement { get; } = new EngagementScorer();

    /// <summary>Gets Champion from level (0/40/70/85/95), +5 for an exec sponsor, halved after 90 days without a touch.</summary>
    public static ISignalScorer Champion { get; } = new ChampionScorer();

    /// <summary>Gets Triggers = Σ event points × 0.5^(age days / 30), clamped to 0..100. Events dated after the as-of date are ignored.</summary>
    public static ISignalScorer Triggers { get; } = new TriggerScorer();

    /// <summary>Gets the default scorers in the built-in signals' canonical order (<see cref="SignalKey.BuiltIn"/>).</summary>
    public static IReadOnlyList<ISignalScorer> All => BuiltInSignals.Scorers;

    /// <summary>Gets the points a trigger event of <paramref name="kind"/> is worth on the day it happens.</summary>
    /// <param name="kind">The event kind.</param>
    /// <returns>The points (SPEC §2).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is undefined.</exception>
    public static double TriggerPoints(TriggerEventKind kind) => kind switch
    {
        TriggerEventKind.FundingRound => 40,
        TriggerEventKind.ChampionPromotion => 35,
        TriggerEventKind.HiringSpree => 30,
        TriggerEventKind.IntegrationGoLive => 30,
        TriggerEventKind.UsageLimitHit => 25,
        TriggerEventKind.SeatThresholdCrossed => 25,
        TriggerEventKind.PremiumFeatureAttempted => 20,
        TriggerEventKind.NewDepartmentActive => 20,
        TriggerEventKind.TeamInviteBurst => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trigger event kind."),
    };

    /// <summary>Gets the points a champion of <paramref name="level"/> is worth before sponsor and recency.</summary>
    /// <param name="level">The champion's level.</param>
    /// <returns>The points (SPEC §2).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is undefined.</exception>
    public static double ChampionPoints(ChampionLevel level) => level switch
    {
        ChampionLevel.None => 0,
        ChampionLevel.Manager => 40,
        ChampionLevel.Director => 70,
        ChampionLevel.VP => 85,
        ChampionLevel.CLevel => 95,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown champion level."),
    };

    private static double Clamp100(double v) => Math.Clamp(v, 0, 100);

    private sealed class PlanFitScorer : ISignalScorer
    {
        public SignalKey Key => SignalKey.PlanFit;

        public SignalReading Score(in SignalScorerArguments arguments)
        {
            double? seats = arguments.Account.GetSeatSaturation();
            double? metered = arguments.Account.Telemetry?.MeteredUsageSaturation;
            if (seats is null && metered is null)
            {
                return SignalReading.Missing("no seat or metered-usage data");
            }

            return SignalReading.Of(PlanFitOf(Math.Max(seats ?? 0, metered ?? 0)));
        }
    }

    /// <summary>PlanFit from a saturation ratio (SPEC §2): 100 × min(1, saturation), the one place the formula is written outside the batch kernel's lanes.</summary>
    /// <param name="saturation">The seat or metered-usage saturation, 0 or more.</param>
    /// <returns>The PlanFit value, 0..100.</returns>
    internal static double PlanFitOf(double saturation) => 100 * Math.Min(1, saturation);

    private sealed class VelocityScorer : ISignalScorer
    {
        public SignalKey Key => SignalKey.Velocity;

        public SignalReading Score(in SignalScorerArguments arguments)
            => arguments.Account.Telemetry?.UsageTrendPercent is { } trend
                ? SignalReading.Of(Clamp100(50 + (trend * 5 / 3)))
                : SignalReading.Missing("no 90-day usage trend");
    }

    private sealed class EngagementScorer : ISignalScorer
    {
        public SignalKey Key => SignalKey.Engagement;

        public SignalReading Score(in SignalScorerArguments arguments)
        {
            var t = arguments.Account.Telemetry;
            if (t?.FeaturesUsed is not { } used || t.FeaturesAvailable is not { } available)
            {
                return SignalReading.Missing("no feature adoption data");
            }

            if (available == 0)
            {
                return SignalReading.Missing("features available is 0");
            }

            if (t.ActiveDepartments is not { } departments)
            {
                return SignalReading.Missing("no active-department count");
            }

            double adoption = Math.Min(1, (double)used / available);
            double breadth = Math.Min(1, departments / 3.0);
            return SignalReading.Of(Clamp100(100 * ((0.6 * adoption) + (0.4 * breadth))));
        }
    }

    private sealed class ChampionScorer : ISignalScorer
    {
        public SignalKey Key => SignalKey.Champion;

        public SignalReading Score(in SignalScorerArguments arguments)
        {
            var t = arguments.Account.Telemetry;
            if (t?.ChampionLevel is not { } level || !Enum.IsDefined(level))
            {
                return SignalReading.Missing("no champion level");
            }

            double points = ChampionPoints(level) + (t.ExecSponsor == true ? 5 : 0);
            if (t.ChampionLastTouchDays is > 90)
            {
                points /= 2;
            }

            return SignalReading.Of(Clamp100(points));
        }
    }

    private sealed class TriggerScorer : ISignalScorer
    {
        public SignalKey Key => SignalKey.Triggers;

        public SignalReading Score(in SignalScorerArguments arguments)
        {
            var events = arguments.Account.Telemetry?.TriggerEvents;
            if (events is null)
            {
                return SignalReading.Missing("no trigger-event feed");
            }

            double sum = 0;
            int asOf = arguments.AsOf.DayNumber;
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                int age = asOf - e.Date.DayNumber;
                if (age < 0 || !Enum.IsDefined(e.Kind))
                {
                    continue;
                }

                sum += TriggerPoints(e.Kind) * Math.Pow(0.5, age / 30.0);
            }

            return SignalReading.Of(Clamp100(sum));
        }
    }
}
