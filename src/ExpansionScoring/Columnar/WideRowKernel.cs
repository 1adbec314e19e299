using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Columnar;

/// <summary>
/// The single-row path on AVX-512. One account's fields are held across the lanes of two registers, so the signals,
/// the band, every rule condition, the gates and the window facts are each a handful of vector instructions; every
/// decision that depends on the data is a mask, a table lookup or a conditional move. The arithmetic is
/// <see cref="FusedKernel.RowScalar"/>'s, operation for operation, so both give the same bits.
/// </summary>
/// <remarks>
/// <para>The tables are pinned arrays read through pointers: no null or bounds checks on the path, and no call, so the
/// method saves no registers.</para>
/// <para>Fields are read one at a time, never as one wide load: a row the caller has just written is still in the
/// store buffer, and a load spanning several stores waits for all of them to reach the cache (30 ns a row, measured).</para>
/// </remarks>
internal sealed unsafe class WideRowKernel
{
    private const int SignalCount = 5;
    private const int SlotsPerSegment = 8;
    private const int GatedEntry = 3 << 8;

    // Kernel fields as lanes of the pair of registers the conditions read: [s0..s4, days, health, tickets] then
    // [probability, composite, seat fact, arr]. Field order: s0..s4, seat fact, days, probability, composite, arr.
    private static ReadOnlySpan<long> LaneOfField => [0, 1, 2, 3, 4, 10, 5, 8, 9, 11];

    private readonly Array[] pinned;
    private readonly double* weights;
    private readonly double* weightSum;
    private readonly long* missing;
    private readonly RuleEntry* rules;
    private readonly long* windowBits;

    private readonly Vector512<long> conditionLanes;
    private readonly Vector512<double> conditionLow;
    private readonly Vector512<double> conditionHigh;
    private readonly Vector512<double> bandThresholds;
    private readonly Vector512<double> factLow;
    private readonly Vector512<double> factHigh;
    private readonly int thresholdCount;
    private readonly int gateMask;
    private readonly bool pointsSum;
    private readonly bool bandsFromScore;
    private readonly bool seatFromPlanFit;
    private readonly double maxPoints;
    private readonly double intercept;
    private readonly double slope;

    private WideRowKernel(FusedPlan p, int[] ruleSegments)
    {
        var conditionField = p.ConditionField;
        var low = p.ConditionLow;
        var high = p.ConditionHigh;
        var starts = p.RuleStarts;
        var membership = p.WindowMembership;

        // Weights by segment, eight slots each (the last three zero); for every segment and set of present signals,
        // the weight sum and the missing count (shifted to its place in the outcome), added in the scalar path's order.
        var w = new double[3 * SlotsPerSegment];
        var sums = new double[3 * 32];
        var counts = new long[3 * 32];
        for (int seg = 0; seg < 3; seg++)
        {
            Array.Copy(p.Weights, seg * SignalCount, w, seg * SlotsPerSegment, SignalCount);
            for (int present = 0; present < 32; present++)
            {
                double sumW = 0;
                long count = 0;
                for (int s = 0; s < SignalCount; s++)
                {
                    double weight = p.Weights[(seg * SignalCount) + s];
                    bool has = ((present >> s) & 1) != 0;
                    double add = has | p.ZeroMissing ? weight : 0;
                    sumW = s == 0 ? add : sumW + add;
                    count += !has && weight > 0 ? 1 : 0;
                }

                sums[(seg * 32) + present] = sumW;
                counts[(seg * 32) + present] = count << 32;
            }
        }

        // The first rule to fire, as its multiplier and outcome bits, by segment and condition bits; unused condition
        // lanes never hold. Entries from 768 up are a gated account's (any index or 768 lands there): "no rule", with a multiplier of zero.
        long[] bits = p.RuleBits;
        double[] multiplier = p.RuleMultipliers;
        var first = new RuleEntry[4 << 8];
        for (int segment = 0; segment < 3; segment++)
        {
            for (int holds = 0; holds < 256; holds++)
            {
                int found = FusedKernel.FirstRule(ruleSegments, starts, segment, holds);
                first[(segment << 8) | holds] = new RuleEntry(multiplier[found], bits[found]);
            }
        }

        first.AsSpan(GatedEntry).Fill(new RuleEntry(0, FusedPlan.NoRuleBits));

        var lanes = new long[8];
        var lows = new double[8];
        var highs = new double[8];
        for (int c = 0; c < 8; c++)
        {
            bool used = c < conditionField.Length;
            lanes[c] = used ? LaneOfField[conditionField[c]] : 0;
            lows[c] = used ? low[c] : double.NaN;
            highs[c] = used ? high[c] : double.NaN;
        }

        var thresholds = new double[8];
        for (int b = 0; b < 8; b++)
        {
            thresholds[b] = b < p.BandThresholds.Length ? p.BandThresholds[b] : double.NaN; // NaN: never reached
        }

        // Band, gated and two window facts (1 Triggers at Now's minimum, 2 renewal within Next30's days) give the band
        // and the window as outcome bits.
        int bands = p.BandThresholds.Length + 1;
        var windows = new long[bands * 8];
        for (int band = 0; band < bands; band++)
        {
            long member = membership[band];
            for (int facts = 0; facts < 8; facts++)
            {
                bool now = ((member & 1) != 0) & ((facts & 1) != 0);
                bool next30 = ((member & 2) != 0) | (((member & 4) != 0) & ((facts & 2) != 0));
                bool next60 = (member & 8) != 0;
                var window = (facts & 4) != 0 ? PitchWindow.Nurture
                    : now ? PitchWindow.Now : next30 ? PitchWindow.Next30Days : next60 ? PitchWindow.Next60Days : PitchWindow.Nurture;
                windows[(band * 8) + facts] = (long)(uint)band | ((long)window << 20);
            }
        }

        int enabled = (p.HealthGate ? 1 : 0) | (p.TicketGate ? 2 : 0) | (p.TenureGate ? 4 : 0);
        gateMask = enabled | (enabled << 4);

        pinned =
        [
            Pin(w, out weights), Pin(sums, out weightSum), Pin(counts, out missing), Pin(first, out rules),
            Pin(windows, out windowBits),
        ];

        conditionLanes = Vector512.Create(lanes);
        conditionLow = Vector512.Create(lows);
        conditionHigh = Vector512.Create(highs);
        bandThresholds = Vector512.Create(thresholds);

        // The facts as ranges over [s0..s4, days, health, tickets]: x < m is x ≤ the double below m, x > m is x ≥ the
        // double above m; NaN is in no range, and a NaN bound stands for a limit no value passes.
        double healthHigh = double.IsNegativeInfinity(p.MinHealth) ? double.NaN : Math.BitDecrement(p.MinHealth);
        double ticketsLow = double.IsPositiveInfinity(p.MaxTickets) ? double.NaN : Math.BitIncrement(p.MaxTickets);
        factLow = Vector512.Create(0, 0, 0, 0, p.NowMinTriggers, double.NegativeInfinity, double.NegativeInfinity, ticketsLow);
        factHigh = Vector512.Create(0, 0, 0, 0, double.PositiveInfinity, p.Next30MaxDays, healthHigh, double.PositiveInfinity);
        thresholdCount = p.BandThresholds.Length;
        pointsSum = p.PointsSum;
        bandsFromScore = p.BandsFromScore;
        seatFromPlanFit = p.SeatSaturationFromPlanFit;
        maxPoints = p.MaxPoints;
        intercept = p.Intercept;
        slope = p.Slope;
    }

    /// <summary>Returns the wide kernel for <paramref name="plan"/>, or <see langword="null"/> where it does not apply: no AVX-512, more than eight conditions or nine bands.</summary>
    internal static WideRowKernel? TryCreate(FusedPlan plan, int[] ruleSegments)
        => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && plan.ConditionField.Length <= 8 && plan.BandThresholds.Length <= 8
            ? new WideRowKernel(plan, ruleSegments)
            : null;

    /// <summary>Scores one row; <paramref name="tenureFrom"/> is the first contract-start day number the tenure gate blocks.</summary>
    internal RowScore Score(in AccountRow row, int tenureFrom)
    {
        // Plan-Fit, derived from seat saturation where missing, as the default scorer does; blended into lane 0 last,
        // so the other lanes need not wait for it.
        double seat = row.SeatSaturation;
        var raw = Vector512.Create(row.PlanFit, row.Velocity, row.Engagement, row.Champion, row.Triggers, row.DaysToRenewal, row.HealthScore, row.OpenP1P2Tickets);
        var seatV = Vector128.CreateScalarUnsafe(seat);
        var derived = Vector512.CreateScalarUnsafe(100 * Sse2.MinScalar(Vector128.CreateScalarUnsafe(1.0), Sse2.MaxScalar(Vector128<double>.Zero, seatV)).ToScalar());
        var s = Vector512.ConditionalSelect(~Vector512.Equals(raw, raw) & Vector512.Create(-1L, 0, 0, 0, 0, 0, 0, 0).AsDouble(), derived, raw);
        double s0 = s.ToScalar();

        // Signals: the present ones' products added in slot order; the weight sum and missing count by table.
        int segment = (int)row.Segment;
        int seg = FusedKernel.Bit(segment == 1) + (2 * FusedKernel.Bit(segment == 2));
        int presentBits = (int)Vector512.Equals(s, s).ExtractMostSignificantBits();
        int at = (seg * 32) + (presentBits & 31);
        var products = Vector512.ConditionalSelect(Vector512.Equals(s, s), Vector512.Load(weights + (seg * SlotsPerSegment)) * s, Vector512<double>.Zero);
        var low = products.GetLower();
        double sum = low.ToScalar() + low.GetElement(1);
        sum += low.GetElement(2);
        sum += low.GetElement(3);
        sum += products.GetElement(4);

        // The clamps are the bare instructions: maxsd(x, 0) is Math.Max(x, 0) for every number and 0 for NaN, which
        // is what the scalar path's zero weight sum (0 / 0) gives; minsd(x, 100) is Math.Min(x, 100) for every number.
        // A NaN composite otherwise needs an infinite signal (outside 0..100): the other paths keep it NaN, this one
        // gives 0. Making the two agree there cost 0.7 ns a row (measured), for input no validated source produces.
        var composite = Vector128.CreateScalarUnsafe(pointsSum ? 100 * sum / maxPoints : sum / weightSum[at]);
        composite = Sse2.MinScalar(Sse2.MaxScalar(composite, Vector128<double>.Zero), Vector128.CreateScalarUnsafe(100.0));
        var linear = Vector128.CreateScalarUnsafe(intercept + (slope * composite.ToScalar()));
        double probability = Sse2.MinScalar(Sse2.MaxScalar(linear, Vector128.CreateScalarUnsafe(5.0)), Vector128.CreateScalarUnsafe(95.0)).ToScalar();
        double compositeValue = composite.ToScalar();
        double value = bandsFromScore ? (pointsSum ? sum : compositeValue) : probability;
        int band = thresholdCount - BitOperations.PopCount((uint)Vector512.GreaterThanOrEqual(Vector512.Create(value), bandThresholds).ExtractMostSignificantBits());

        // Gates and window facts from one range compare and the NaN test over the same register; tenure by day
        // number. Fact bits: 1 Triggers at Now's minimum, 2 renewal within Next30's days, 4 health below the minimum,
        // 8 tickets above the maximum, 16 contract too recent, 64 health unknown, 128 tickets unknown, 256 contract
        // start unknown; shifted down by two and masked by the gates in force, they are the blocked and
        // not-evaluated gates as the outcome packs them.
        int start = row.ContractStart.DayNumber;
        int facts = ((int)(Vector512.GreaterThanOrEqual(s, factLow) & Vector512.LessThanOrEqual(s, factHigh)).ExtractMostSignificantBits() >> 4)
            | (FusedKernel.Bit(start >= tenureFrom) << 4)
            | (~presentBits & 0xC0)
            | (FusedKernel.Bit(start == 0) << 8);
        int gates = (facts >> 2) & gateMask;
        int gated = FusedKernel.Bit((gates & 7) != 0);
        long outcome = windowBits[(band * 8) + (gated * 4) + (facts & 3)] | ((long)gates << 24);

        // Offer: every condition in one compare of eight lanes picked from two registers, then the first-rule table.
        double seatFact = seatFromPlanFit ? Vector128.ConditionalSelect(Vector128.Equals(seatV, seatV), seatV, Vector128.CreateScalarUnsafe(s0 / 100)).ToScalar() : seat;
        double arr = row.Arr;
        var x = Avx512F.PermuteVar8x64x2(s, conditionLanes, Vector256.Create(probability, compositeValue, seatFact, arr).ToVector512Unsafe());
        int holds = (int)(Vector512.GreaterThanOrEqual(x, conditionLow) & Vector512.LessThanOrEqual(x, conditionHigh)).ExtractMostSignificantBits();
        var rule = rules[(seg << 8) | holds | (gated * GatedEntry)];
        double opportunity = probability / 100 * arr * rule.Multiplier;
        long bits = outcome | rule.Bits | missing[at];
        return new RowScore(compositeValue, probability, opportunity, new ScoreOutcome((ulong)bits), ScoringPath.Scalar);
    }

    /// <summary>A rule table entry: the multiplier of the rule's offer and the rule's outcome bits.</summary>
    private readonly record struct RuleEntry(double Multiplier, long Bits);

    private static T[] Pin<T>(T[] values, out T* address)
        where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(values.Length, pinned: true);
        values.CopyTo(array, 0);
        address = (T*)Unsafe.AsPointer(ref array[0]);
        return array;
    }
}
