using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ExpansionScoring.Gates;

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
    /// <summary>The fields a rule condition can read, in the general engine's order: the five built-in signals, then the facts.</summary>
    internal const int FieldCount = 10;

    private const int SignalCount = 5;
    private const int ArrField = 9;
    private const int WindowCount = 4;

    private readonly FusedPlan plan;
    private readonly WideRowKernel? wide;
    private readonly bool tenureGate;


    // The plan's tables, read once into fields so the single-row path touches nothing lazily built.
    private readonly int[] ruleSegments;
    private readonly int[] ruleStarts;
    private readonly int[] conditionField;
    private readonly double[] conditionLow;
    private readonly double[] conditionHigh;
    private readonly long[] ruleBits;
    private readonly double[] ruleMultipliers;
    private readonly long[] membership;
    private readonly byte[]? firstRuleTable;
    private readonly int[] tableFields = [];
    private readonly Vector512<double> tableLow;
    private readonly Vector512<double> tableHigh;

    // The batch kernel's rule tables, indexed by rule (the rule count for none): outcome bits (as doubles) and
    // multipliers. The arrays are pinned, for gathers; the vectors hold their first eight entries, padded with zeros,
    // for the one permute that serves a model of at most seven rules.
    private readonly double[] ruleOutcomes;
    private readonly double[] ruleMultiplierTable;
    private readonly Vector512<double> ruleOutcomes8;
    private readonly Vector512<double> ruleMultipliers8;

    // For up to four bands, the window's outcome bits by band × 4 + facts (1: triggers reach Now's minimum, 2: renewal
    // within Next30's days), entries 0–7 and 8–15: what the batch kernel's finishing pass looks up.
    private readonly Vector512<double> windowTable0;
    private readonly Vector512<double> windowTable1;

    // The last as-of date's tenure cut-off, packed as (day number << 32) | cut-off so one read sees both.
    private long tenureCutoff = long.MinValue;

    internal FusedKernel(FusedPlan plan)
    {
        this.plan = plan;
        ruleSegments = [.. plan.Rules.Select(r => r.SegmentMask)];
        ruleStarts = plan.RuleStarts;
        conditionField = plan.ConditionField;
        conditionLow = plan.ConditionLow;
        conditionHigh = plan.ConditionHigh;
        ruleBits = plan.RuleBits;
        ruleMultipliers = plan.RuleMultipliers;
        membership = plan.WindowMembership;
        int entries = ruleBits.Length;
        ruleOutcomes = GC.AllocateArray<double>(entries, pinned: true);
        ruleMultiplierTable = GC.AllocateArray<double>(entries, pinned: true);
        for (int r = 0; r < entries; r++)
        {
            ruleOutcomes[r] = BitConverter.Int64BitsToDouble(ruleBits[r]);
            ruleMultiplierTable[r] = ruleMultipliers[r];
        }

        ruleOutcomes8 = Vector512.Create([.. ruleOutcomes.Take(8), .. new double[Math.Max(0, 8 - entries)]]);
        ruleMultipliers8 = Vector512.Create([.. ruleMultiplierTable.Take(8), .. new double[Math.Max(0, 8 - entries)]]);

        // With at most eight conditions in all, the single-row path finds the first rule by table lookup.
        int conditions = conditionField.Length;
        if (conditions <= 8 && Vector512.IsHardwareAccelerated)
        {
            tableFields = new int[8];
            var low = new double[8];
            var high = new double[8];
            for (int c = 0; c < 8; c++)
            {
                tableFields[c] = c < conditions ? conditionField[c] : 0;
                low[c] = c < conditions ? conditionLow[c] : double.NegativeInfinity;
                high[c] = c < conditions ? conditionHigh[c] : double.PositiveInfinity;
            }

            tableLow = Vector512.Create(low);
            tableHigh = Vector512.Create(high);
            firstRuleTable = new byte[3 << 8];
            for (int segment = 0; segment < 3; segment++)
            {
                for (int holds = 0; holds < 256; holds++)
                {
                    firstRuleTable[(segment << 8) | holds] = (byte)FirstRule(ruleSegments, ruleStarts, segment, holds);
                }
            }
        }

        var windows = new double[16];
        for (int entry = 0; entry < 16; entry++)
        {
            long member = membership[Math.Min(entry >> 2, membership.Length - 1)];
            bool now = (member & 1) != 0 && (entry & 1) != 0;
            bool next30 = (member & 2) != 0 || ((member & 4) != 0 && (entry & 2) != 0);
            bool next60 = (member & 8) != 0;
            var window = now ? PitchWindow.Now : next30 ? PitchWindow.Next30Days : next60 ? PitchWindow.Next60Days : PitchWindow.Nurture;
            windows[entry] = BitConverter.Int64BitsToDouble((long)window << 20);
        }

        windowTable0 = Vector512.Create(windows.AsSpan(0, 8));
        windowTable1 = Vector512.Create(windows.AsSpan(8, 8));

        wide = WideRowKernel.TryCreate(plan, ruleSegments);
        tenureGate = plan.TenureGate;
    }

    internal int BandCount => plan.BandThresholds.Length + 1;

    /// <summary>
    /// Returns the first rule that fires in <paramref name="segment"/> when the conditions whose bits are set in
    /// <paramref name="holds"/> hold (conditions numbered rule after rule from <paramref name="ruleStarts"/>), or the
    /// rule count for none: the entry of a single-row path's first-rule table.
    /// </summary>
    internal static int FirstRule(int[] ruleSegments, int[] ruleStarts, int segment, int holds)
    {
        int first = ruleSegments.Length;
        for (int r = ruleSegments.Length - 1; r >= 0; r--)
        {
            int need = ((1 << (ruleStarts[r + 1] - ruleStarts[r])) - 1) << ruleStarts[r];
            first = ((ruleSegments[r] >> segment) & 1) != 0 && (holds & need) == need ? r : first;
        }

        return first;
    }

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
        int low = ComputeTenureLow(asOf, plan.TenureMonths);
        Volatile.Write(ref tenureCutoff, ((long)asOf.DayNumber << 32) | (uint)low);
        return low;
    }

    /// <summary>
    /// Scores one row: the same arithmetic as the batch passes in plain registers. Decisions are comparisons turned
    /// into bits and masks (setcc, and, or, conditional moves), not jumps, so the time does not depend on the data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RowScore RowScalar(in AccountRow row, DateOnly asOf)
    {
        var p = plan;
        double seat = row.SeatSaturation;
        double s0 = row.PlanFit, s1 = row.Velocity, s2 = row.Engagement, s3 = row.Champion, s4 = row.Triggers;
        s0 = Select(double.IsNaN(s0), 100 * Math.Min(1, Math.Max(seat, 0)), s0);

        int segment = (int)row.Segment;
        int seg = Bit(segment == 1) + (2 * Bit(segment == 2));
        ref double w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.Weights), seg * SignalCount);
        double w0 = w, w1 = Unsafe.Add(ref w, 1), w2 = Unsafe.Add(ref w, 2), w3 = Unsafe.Add(ref w, 3), w4 = Unsafe.Add(ref w, 4);
        bool p0 = !double.IsNaN(s0), p1 = !double.IsNaN(s1), p2 = !double.IsNaN(s2), p3 = !double.IsNaN(s3), p4 = !double.IsNaN(s4);
        double sum = And(p0, w0 * s0);
        sum += And(p1, w1 * s1);
        sum += And(p2, w2 * s2);
        sum += And(p3, w3 * s3);
        sum += And(p4, w4 * s4);
        int missing = Bit(!p0 & (w0 > 0)) + Bit(!p1 & (w1 > 0)) + Bit(!p2 & (w2 > 0)) + Bit(!p3 & (w3 > 0)) + Bit(!p4 & (w4 > 0));
        double composite;
        if (p.PointsSum)
        {
            composite = 100 * sum / p.MaxPoints;
        }
        else
        {
            bool all = p.ZeroMissing;
            double sumW = And(p0 | all, w0) + And(p1 | all, w1) + And(p2 | all, w2) + And(p3 | all, w3) + And(p4 | all, w4);
            composite = And(sumW > 0, sum / sumW);
        }

        // Math.Min and Math.Max are single instructions here, and agree with Math.Clamp on every number.
        composite = Math.Min(Math.Max(composite, 0), 100);
        double probability = Math.Min(Math.Max(p.Intercept + (p.Slope * composite), 5), 95);
        double value = p.BandsFromScore ? (p.PointsSum ? sum : composite) : probability;
        double[] thresholds = p.BandThresholds;
        int band = thresholds.Length;
        for (int b = 0; b < thresholds.Length; b++)
        {
            band -= Bit(value >= thresholds[b]);
        }

        double seatFact = p.SeatSaturationFromPlanFit ? Select(double.IsNaN(seat), s0 / 100, seat) : seat;
        double days = row.DaysToRenewal, arr = row.Arr;
        Span<double> fields = [s0, s1, s2, s3, s4, seatFact, days, probability, composite, arr];

        // Gates.
        double health = row.HealthScore, tickets = row.OpenP1P2Tickets;
        int start = row.ContractStart.DayNumber;
        int tenureLow = p.TenureGate ? TenureLow(asOf) : int.MaxValue;
        int healthBlocked = Bit(p.HealthGate & (health < p.MinHealth));
        int ticketsBlocked = Bit(p.TicketGate & (tickets > p.MaxTickets));
        int tenureBlocked = Bit(p.TenureGate & (start >= Math.Max(tenureLow, 1)));
        int blocked = healthBlocked | (ticketsBlocked << 1) | (tenureBlocked << 2);
        int unknown = Bit(p.HealthGate & double.IsNaN(health)) | (Bit(p.TicketGate & double.IsNaN(tickets)) << 1) | (Bit(p.TenureGate & (start == 0)) << 2);
        bool gated = blocked != 0;

        // Offer: the first rule whose segment and conditions all hold; the rules' tables end with "no rule".
        int[] segments = ruleSegments;
        int first;
        if (firstRuleTable is { } table)
        {
            // Every condition at once: one compare of eight lanes gives a bit per condition; the bits and the
            // segment index a table of the first rule that fires, built when the model was compiled.
            var x = Vector512.Create(
                fields[tableFields[0]], fields[tableFields[1]], fields[tableFields[2]], fields[tableFields[3]],
                fields[tableFields[4]], fields[tableFields[5]], fields[tableFields[6]], fields[tableFields[7]]);
            int holds = (int)(Vector512.GreaterThanOrEqual(x, tableLow) & Vector512.LessThanOrEqual(x, tableHigh)).ExtractMostSignificantBits();
            first = table[(seg << 8) | holds];
        }
        else
        {
            int[] starts = ruleStarts;
            int[] field = conditionField;
            double[] low = conditionLow;
            double[] high = conditionHigh;
            first = segments.Length;
            for (int r = segments.Length - 1; r >= 0; r--)
            {
                bool fires = ((segments[r] >> seg) & 1) != 0;
                for (int c = starts[r]; c < starts[r + 1]; c++)
                {
                    double x = fields[field[c]];
                    fires &= (x >= low[c]) & (x <= high[c]);
                }

                first = fires ? r : first;
            }
        }

        first = gated ? segments.Length : first;
        double opportunity = And(!gated, probability / 100 * arr * ruleMultipliers[first]);

        // Window.
        long member = membership[band];
        bool now = ((member & 1) != 0) & (s4 >= p.NowMinTriggers);
        bool next30 = ((member & 2) != 0) | (((member & 4) != 0) & (days <= p.Next30MaxDays));
        bool next60 = (member & 8) != 0;
        int window = (int)PitchWindow.Nurture;
        window = next60 ? (int)PitchWindow.Next60Days : window;
        window = next30 ? (int)PitchWindow.Next30Days : window;
        window = now ? (int)PitchWindow.Now : window;
        window = gated ? (int)PitchWindow.Nurture : window;

        ulong bits = (ulong)(uint)band | (ulong)ruleBits[first] | ((ulong)window << 20) | ((ulong)blocked << 24) | ((ulong)unknown << 28) | ((ulong)missing << 32);
        return new RowScore(composite, probability, opportunity, new ScoreOutcome(bits), ScoringPath.Scalar);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Bit(bool condition) => Unsafe.BitCast<bool, byte>(condition);

    /// <summary><paramref name="value"/> when <paramref name="condition"/> holds, else +0, by masking the bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double And(bool condition, double value)
        => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) & -(long)Unsafe.BitCast<bool, byte>(condition));

    /// <summary><paramref name="ifTrue"/> when <paramref name="condition"/> holds, else <paramref name="ifFalse"/>, by masking the bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Select(bool condition, double ifTrue, double ifFalse)
    {
        long mask = -(long)Unsafe.BitCast<bool, byte>(condition);
        return BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(ifTrue) & mask) | (BitConverter.DoubleToInt64Bits(ifFalse) & ~mask));
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
