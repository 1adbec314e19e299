using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Columnar;

/// <summary>
/// A model compiled for the <see cref="FusedKernel"/>: plain numbers and tables, no interfaces. The flattened tables
/// below are built on each read; the kernel reads each once, when it is created.
/// </summary>
internal sealed class FusedPlan
{
    /// <summary>Gets how many built-in signals the kernel reads: <see cref="BuiltInSignals.Count"/>.</summary>
    public required int SignalCount { get; init; }

    /// <summary>Gets the weights by segment then built-in signal id: [segment × <see cref="SignalCount"/> + id].</summary>
    public required double[] Weights { get; init; }

    /// <summary>Gets the ids of the built-in signals some segment weights above zero, ascending: the signals the composite reads.</summary>
    public required int[] WeightedSignals { get; init; }

    /// <summary>Gets how many of the first segment's weights are above zero: with uniform weights, the signals that count as missing.</summary>
    public required int WeightedCount { get; init; }

    /// <summary>Gets whether every segment uses the same weights, so the kernel need not select them per lane.</summary>
    public required bool UniformWeights { get; init; }

    public required bool ZeroMissing { get; init; }

    public required bool PointsSum { get; init; }

    public required double MaxPoints { get; init; }

    public required bool BandsFromScore { get; init; }

    public required double Intercept { get; init; }

    public required double Slope { get; init; }

    /// <summary>Gets, for every band but the last, its minimum less the engine's 1e-9 tolerance.</summary>
    public required double[] BandThresholds { get; init; }

    public required FusedRule[] Rules { get; init; }

    /// <summary>Gets the rules' conditions flattened, rule after rule: field, low, high.</summary>
    public int[] ConditionField => [.. Rules.SelectMany(r => r.Conditions.Select(c => c.Field))];

    public double[] ConditionLow => [.. Rules.SelectMany(r => r.Conditions.Select(c => c.Low))];

    public double[] ConditionHigh => [.. Rules.SelectMany(r => r.Conditions.Select(c => c.High))];

    /// <summary>Gets where each rule's conditions start in the flattened arrays, then their total count.</summary>
    public int[] RuleStarts => [.. Rules.Select((r, i) => Rules.Take(i).Sum(x => x.Conditions.Length)), Rules.Sum(x => x.Conditions.Length)];

    /// <summary>Gets each rule's outcome bits, then the bits of "no rule".</summary>
    public long[] RuleBits => [.. Rules.Select(r => r.Bits), NoRuleBits];

    /// <summary>Gets each rule's multiplier, then the Nurture multiplier.</summary>
    public double[] RuleMultipliers => [.. Rules.Select(r => r.Multiplier), NurtureMultiplier];

    /// <summary>Gets each band's window memberships as <see cref="WindowMembership"/> bits, at least four entries.</summary>
    public long[] WindowMemberships => [.. Enumerable.Range(0, Math.Max(BandThresholds.Length + 1, 4)).Select(b => (long)(
        In(Windows.NowMask, b, WindowMembership.Now) | In(Windows.Next30Mask, b, WindowMembership.Next30)
        | In(Windows.Next30RenewalMask, b, WindowMembership.Next30Renewal) | In(Windows.Next60Mask, b, WindowMembership.Next60)))];

    /// <summary>Gets the outcome bits of "no rule fired": rule 255, offer Nurture.</summary>
    public static long NoRuleBits => ScoreOutcome.RuleBits(-1, OfferKind.Nurture);

    public required double NurtureMultiplier { get; init; }

    public required bool SeatSaturationFromPlanFit { get; init; }

    /// <summary>Gets the model's window rule (SPEC §7): the kernel reads its bands, Triggers minimum and renewal days, as the engine does.</summary>
    public required WindowRule Windows { get; init; }

    /// <summary>Gets the model's gates (SPEC §8), its own copy of the options, never changed.</summary>
    public required GateOptions Gates { get; init; }

    private static WindowMembership In(int bandMask, int band, WindowMembership membership) => (bandMask & (1 << band)) != 0 ? membership : WindowMembership.None;

    /// <summary>Returns why the kernel cannot run a model with these pieces, or <see langword="null"/> when it can.</summary>
    internal static string? Unsupported(IReadOnlyList<SignalKey> slots, IReadOnlyList<ISignalScorer?> scorers, IReadOnlyList<IOfferRule> rules, int bandCount, int tenureMonths, bool linearTransform)
    {
        if (slots.Count != BuiltInSignals.Count || slots.Any(k => !k.IsBuiltIn))
        {
            var custom = slots.FirstOrDefault(k => !k.IsBuiltIn);
            return $"the model reads the user-defined signal '{custom.Name}'";
        }

        for (int i = 0; i < scorers.Count; i++)
        {
            if (!ReferenceEquals(scorers[i], DefaultSignalScorers.All[slots[i].Id]))
            {
                return $"the signal '{slots[i].Name}' has a user-defined scorer";
            }
        }

        if (!linearTransform)
        {
            return "the probability transform is not the built-in linear one";
        }

        if (rules.FirstOrDefault(r => r is not ConditionOfferRule) is { } code)
        {
            return $"the offer rule '{code.Name}' is written in code";
        }

        if (rules.Count >= ScoreOutcome.NoRule)
        {
            return $"the model has {rules.Count} offer rules (the kernel packs up to {ScoreOutcome.NoRule - 1})";
        }

        if (bandCount > 32)
        {
            return $"the model has {bandCount} bands (the kernel handles up to 32)";
        }

        if (tenureMonths is < 0 or > 120_000)
        {
            return $"the tenure gate's {tenureMonths} months lie outside what a date can be moved by";
        }

        return null;
    }
}

/// <summary>An offer rule as the kernel runs it.</summary>
/// <param name="SegmentMask">The segments it applies to as bits; 7 for all three.</param>
/// <param name="Conditions">The conditions as closed ranges over the kernel's fields.</param>
/// <param name="Bits">Its index in the model's rules &lt;&lt; 8 | its offer &lt;&lt; 16: its part of the packed outcome.</param>
/// <param name="Multiplier">The dollar multiplier of its offer.</param>
internal sealed record FusedRule(int SegmentMask, (int Field, double Low, double High)[] Conditions, long Bits, double Multiplier);

/// <summary>The windows a band belongs to, as bits: the kernel's table of them per band and its tests of it use these names.</summary>
[Flags]
internal enum WindowMembership : long
{
    /// <summary>No window: Nurture.</summary>
    None = 0,

    /// <summary>A Now band (with enough Triggers).</summary>
    Now = 1,

    /// <summary>A Next30 band.</summary>
    Next30 = 2,

    /// <summary>A Next30 band when the renewal is near enough.</summary>
    Next30Renewal = 4,

    /// <summary>A Next60 band.</summary>
    Next60 = 8,
}
