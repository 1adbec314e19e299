using ExpansionScoring.Offers;
using System.Runtime.CompilerServices;

namespace ExpansionScoring.Columnar;

/// <summary>
/// The fused, branch-free kernel behind <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>:
/// one pass over the columns computes composite, probability, band, offer, opportunity, window, gates and the
/// per-band and per-window sums. Every decision is a lane mask and a select, so the cost of an account does not
/// depend on its data. The arithmetic is the general engine's, operation for operation and in the same order
/// (no fused multiply-add), so both give bit-identical numbers.
/// </summary>
internal sealed partial class FusedKernel
{
    private const int WindowCount = 4;

    /// <summary>Gets the fields a rule condition can read, in the general engine's order: the built-in signals by id, then the facts.</summary>
    internal static int FieldCount => SignalCount + ConditionOfferRule.FactCount;

    /// <summary>Gets how many built-in signals the kernel reads: every one (<see cref="ExpansionScoring.Signals.BuiltInSignals"/>).</summary>
    private static int SignalCount => ExpansionScoring.Signals.BuiltInSignals.Count;

    /// <summary>Returns a fact's field number: after the built-in signals, in the general engine's order (<see cref="ConditionOfferRule.FactIndex"/>).</summary>
    internal static int FactField(ConditionOfferRule.OperandKind kind) => SignalCount + ConditionOfferRule.FactIndex(kind);

    private readonly FusedPlan plan;

    // The batch kernel's rule tables, indexed by rule (the rule count for none): outcome bits (as doubles) and
    // multipliers, pinned for gathers.
    private readonly double[] ruleOutcomes;
    private readonly double[] ruleMultiplierTable;

    // Each band's window memberships as bits (FusedPlan.WindowMemberships), at least four entries.
    private readonly long[] membership;

    // The last as-of date's tenure cut-off, packed as (day number << 32) | cut-off so one read sees both.
    private long tenureCutoff = long.MinValue;

    internal FusedKernel(FusedPlan plan)
    {
        this.plan = plan;
        membership = plan.WindowMemberships;
        long[] ruleBits = plan.RuleBits;
        double[] ruleMultipliers = plan.RuleMultipliers;
        int entries = ruleBits.Length;
        ruleOutcomes = GC.AllocateArray<double>(entries, pinned: true);
        ruleMultiplierTable = GC.AllocateArray<double>(entries, pinned: true);
        for (int r = 0; r < entries; r++)
        {
            ruleOutcomes[r] = BitConverter.Int64BitsToDouble(ruleBits[r]);
            ruleMultiplierTable[r] = ruleMultipliers[r];
        }
    }

    internal int BandCount => plan.BandThresholds.Length + 1;

    /// <summary>Gets how many doubles the accumulators need: count, ARR and opportunity per band and per window, then gated.</summary>
    internal int AccumulatorLength => (3 * (BandCount + WindowCount)) + 1;

    internal BatchSummary Summarize(ScoringPath path, ReadOnlySpan<double> totals)
    {
        int bands = BandCount;
        var b = new BatchBucket[bands];
        for (int i = 0; i < bands; i++)
        {
            b[i] = new BatchBucket((long)totals[3 * i], totals[(3 * i) + 1], totals[(3 * i) + 2]);
        }

        var w = new BatchBucket[WindowCount];
        for (int i = 0; i < WindowCount; i++)
        {
            int at = 3 * (bands + i);
            w[i] = new BatchBucket((long)totals[at], totals[at + 1], totals[at + 2]);
        }

        return new BatchSummary(path, b, w, (long)totals[^1]);
    }

    /// <summary>Returns the lowest contract-start day number the tenure gate blocks on <paramref name="asOf"/>: start.AddMonths(m) &gt; asOf exactly when start ≥ it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int TenureLow(DateOnly asOf)
    {
        long cached = Volatile.Read(ref tenureCutoff);
        return (int)(cached >> 32) == asOf.DayNumber ? (int)cached : RefreshTenureLow(asOf);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefreshTenureLow(DateOnly asOf)
    {
        int low = ComputeTenureLow(asOf, plan.Gates.MinTenureMonths);
        Volatile.Write(ref tenureCutoff, ((long)asOf.DayNumber << 32) | (uint)low);
        return low;
    }

    private static int ComputeTenureLow(DateOnly asOf, int months)
    {
        // start.AddMonths(m) never decreases as start grows, and asOf.AddMonths(−m).AddMonths(m) ≤ asOf, so the last
        // start that is not blocked lies within the few days after asOf.AddMonths(−m) that month-end clamping maps
        // onto the same date.
        DateOnly last;
        try
        {
            last = asOf.AddMonths(-months);
        }
        catch (ArgumentOutOfRangeException)
        {
            return 0; // Even the earliest date is too recent: every start is blocked.
        }

        while (last < DateOnly.MaxValue && NotBlocked(last.AddDays(1), asOf, months))
        {
            last = last.AddDays(1);
        }

        return last.DayNumber + 1;

        static bool NotBlocked(DateOnly start, DateOnly asOf, int months)
        {
            try
            {
                return start.AddMonths(months) <= asOf;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
    }
}
