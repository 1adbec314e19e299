using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Offers;

namespace ExpansionScoring.Columnar;

/// <content>Pass 3 of the batch kernel: the offer rules (SPEC §6).</content>
internal sealed partial class FusedKernel
{
    /// <summary>
    /// Pass 3: the offer rules (SPEC §6), one pass per rule from the last to the first, so the first that fires is the
    /// one left standing. The passes keep one column, the index of the rule standing (the rule count for none); the
    /// finishing pass looks its outcome bits and multiplier up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Offers<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        FusedRule[] rules = plan.Rules;

        // A last rule that always fires (the SPEC's Fallback) is where every account starts; otherwise "no rule".
        // The first pass to run starts from that constant instead of reading the column.
        int last = rules.Length - 1;
        bool fallback = last >= 0 && rules[last].Conditions.Length == 0 && rules[last].SegmentMask == 7;
        // Each pass reads the rule standing at source[i & sourceMask]: for the first, eight lanes of the seed, always
        // the same (mask 0); for the others, the column itself (mask all ones).
        long initial = fallback ? last : rules.Length;
        Span<double> seed = stackalloc double[8];
        seed.Fill(BitConverter.Int64BitsToDouble(initial));
        ref double standing = ref k.Ref(Column.Rule);
        ref double source = ref MemoryMarshal.GetReference(seed);
        nint sourceMask = 0;
        for (int r = fallback ? last - 1 : last; r >= 0; r--)
        {
            var rule = rules[r];
            if (rule.Conditions.Length <= 2 && (rule.SegmentMask == 7 || k.HasSegment))
            {
                RuleUpToTwo<TV>(k, from, to, r, rule, ref source, sourceMask);
            }
            else
            {
                RuleAny<TV>(k, from, to, r, rule, ref source, sourceMask);
            }

            source = ref standing;
            sourceMask = -1;
        }

        if (sourceMask == 0)
        {
            // No rule but the fallback: every account starts and stays there.
            var constant = TV.SplatBits(initial);
            for (nint i = from; i < to; i += TV.Count)
            {
                TV.Store(constant, ref standing, i);
            }
        }
    }

    /// <summary>
    /// A rule with at most two conditions, the shape of every SPEC §6 rule: one loop, compiled for the kind of each
    /// condition's range (a lower bound, an upper bound, both, or no condition), so an infinite bound costs no compare.
    /// </summary>
    private static void RuleUpToTwo<TV>(in Block k, int from, int to, int index, FusedRule rule, ref double source, nint sourceMask)
        where TV : unmanaged, ILanes<TV>
    {
        var c = rule.Conditions;
        switch (BoundKind(c, 0))
        {
            case 1:
                RuleUpToTwo<TV, AtLeastBound>(k, from, to, index, rule, ref source, sourceMask, BoundKind(c, 1));
                break;
            case 2:
                RuleUpToTwo<TV, AtMostBound>(k, from, to, index, rule, ref source, sourceMask, BoundKind(c, 1));
                break;
            case 3:
                RuleUpToTwo<TV, RangeBound>(k, from, to, index, rule, ref source, sourceMask, BoundKind(c, 1));
                break;
            default:
                RuleUpToTwo<TV, NoBound>(k, from, to, index, rule, ref source, sourceMask, BoundKind(c, 1));
                break;
        }
    }

    private static void RuleUpToTwo<TV, TFirst>(in Block k, int from, int to, int index, FusedRule rule, ref double source, nint sourceMask, int second)
        where TV : unmanaged, ILanes<TV>
        where TFirst : struct, IBound
    {
        switch (second)
        {
            case 1:
                RuleUpToTwo<TV, TFirst, AtLeastBound>(k, from, to, index, rule, ref source, sourceMask);
                break;
            case 2:
                RuleUpToTwo<TV, TFirst, AtMostBound>(k, from, to, index, rule, ref source, sourceMask);
                break;
            case 3:
                RuleUpToTwo<TV, TFirst, RangeBound>(k, from, to, index, rule, ref source, sourceMask);
                break;
            default:
                RuleUpToTwo<TV, TFirst, NoBound>(k, from, to, index, rule, ref source, sourceMask);
                break;
        }
    }

    private static void RuleUpToTwo<TV, TFirst, TSecond>(in Block k, int from, int to, int index, FusedRule rule, ref double source, nint sourceMask)
        where TV : unmanaged, ILanes<TV>
        where TFirst : struct, IBound
        where TSecond : struct, IBound
    {
        if (rule.SegmentMask == 7)
        {
            RuleLoop<TV, TFirst, TSecond, No>(k, from, to, index, rule, ref source, sourceMask);
        }
        else
        {
            RuleLoop<TV, TFirst, TSecond, Yes>(k, from, to, index, rule, ref source, sourceMask);
        }
    }

    /// <summary>0 for no condition, 1 for a lower bound, 2 for an upper bound, 3 for both (also when neither is finite: NaN must still fail).</summary>
    private static int BoundKind((int Field, double Low, double High)[] conditions, int index)
    {
        if (index >= conditions.Length)
        {
            return 0;
        }

        int kind = (double.IsNegativeInfinity(conditions[index].Low) ? 0 : 1) | (double.IsPositiveInfinity(conditions[index].High) ? 0 : 2);
        return kind == 0 ? 3 : kind;
    }

    /// <summary>
    /// One rule of at most two conditions over the block: where it fires, its index replaces the one standing, read
    /// from <paramref name="source"/>[i &amp; <paramref name="sourceMask"/>]. The segment test is compiled in or out,
    /// so the loop has no branch but its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RuleLoop<TV, TFirst, TSecond, TSegmentLimited>(in Block k, int from, int to, int index, FusedRule rule, ref double source, nint sourceMask)
        where TV : unmanaged, ILanes<TV>
        where TFirst : struct, IBound
        where TSecond : struct, IBound
        where TSegmentLimited : struct, IChoice
    {
        var conditions = rule.Conditions;
        var first = conditions.Length > 0 ? conditions[0] : (Field: FactField(ConditionOfferRule.OperandKind.Arr), Low: double.NegativeInfinity, High: double.PositiveInfinity);
        var second = conditions.Length > 1 ? conditions[1] : first;
        ref double x = ref k.Field(first.Field);
        ref double y = ref k.Field(second.Field);
        ref double standing = ref k.Ref(Column.Rule);
        ref int segment = ref k.Segment;
        var lowX = TV.Splat(first.Low);
        var highX = TV.Splat(first.High);
        var lowY = TV.Splat(second.Low);
        var highY = TV.Splat(second.High);
        var mine = TV.SplatBits(index);

        // Mid-Market is 1, Enterprise 2, and anything else counts as SMB.
        int mask = rule.SegmentMask;
        var allOnes = TV.IsNumber(TV.Zero);
        var smb = (mask & 1) != 0 ? allOnes : TV.Zero;
        var midMarket = (mask & 2) != 0 ? allOnes : TV.Zero;
        var enterprise = (mask & 4) != 0 ? allOnes : TV.Zero;
        for (nint i = from; i < to; i += TV.Count)
        {
            var fires = TV.And(
                TFirst.Holds(TFirst.ReadsField ? TV.Load(ref x, i) : default, lowX, highX),
                TSecond.Holds(TSecond.ReadsField ? TV.Load(ref y, i) : default, lowY, highY));
            if (TSegmentLimited.Value)
            {
                fires = TV.And(fires, TV.Select(TV.IntInRange(ref segment, i, 1, 1), midMarket, TV.Select(TV.IntInRange(ref segment, i, 2, 2), enterprise, smb)));
            }

            TV.Store(TV.Select(fires, mine, TV.Load(ref source, i & sourceMask)), ref standing, i);
        }
    }

    /// <summary>Any other rule: the segment test, then one pass per condition narrowing a mask, then the select.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RuleAny<TV>(in Block k, int from, int to, int index, FusedRule rule, ref double source, nint sourceMask)
        where TV : unmanaged, ILanes<TV>
    {
        ref double fires = ref k.Ref(Column.Fires);
        ref int segment = ref k.Segment;
        int mask = rule.SegmentMask;
        var zero = TV.Zero;
        var allOnes = TV.IsNumber(zero);
        var smb = (mask & 1) != 0 ? allOnes : zero;
        bool midMarket = (mask & 2) != 0, enterprise = (mask & 4) != 0;
        for (nint i = from; i < to; i += TV.Count)
        {
            TV allowed;
            if (k.HasSegment)
            {
                var s1 = TV.IntInRange(ref segment, i, 1, 1);
                var s2 = TV.IntInRange(ref segment, i, 2, 2);
                allowed = TV.Select(s1, midMarket ? allOnes : zero, TV.Select(s2, enterprise ? allOnes : zero, smb));
            }
            else
            {
                // Without a segment column every account has the default segment (SPEC §3).
                allowed = ((mask >> (int)Account.DefaultSegment) & 1) != 0 ? allOnes : zero;
            }

            TV.Store(allowed, ref fires, i);
        }

        foreach (var c in rule.Conditions)
        {
            ref double x = ref k.Field(c.Field);
            var low = TV.Splat(c.Low);
            var high = TV.Splat(c.High);
            for (nint i = from; i < to; i += TV.Count)
            {
                var a = TV.Load(ref x, i);
                TV.Store(TV.And(TV.Load(ref fires, i), TV.And(TV.GreaterThanOrEqual(a, low), TV.LessThanOrEqual(a, high))), ref fires, i);
            }
        }

        ref double standing = ref k.Ref(Column.Rule);
        var mine = TV.SplatBits(index);
        for (nint i = from; i < to; i += TV.Count)
        {
            TV.Store(TV.Select(TV.Load(ref fires, i), mine, TV.Load(ref source, i & sourceMask)), ref standing, i);
        }
    }

    /// <summary>How one condition's range is tested: the JIT compiles <see cref="RuleLoop"/> once per pair of kinds.</summary>
    private interface IBound
    {
        /// <summary>Gets whether the test reads the field at all.</summary>
        static abstract bool ReadsField { get; }

        /// <summary>Returns a mask of the lanes in range; NaN (missing) is never in range.</summary>
        static abstract TV Holds<TV>(TV x, TV low, TV high)
            where TV : unmanaged, ILanes<TV>;
    }

    private readonly struct AtLeastBound : IBound
    {
        public static bool ReadsField => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Holds<TV>(TV x, TV low, TV high)
            where TV : unmanaged, ILanes<TV> => TV.GreaterThanOrEqual(x, low);
    }

    private readonly struct AtMostBound : IBound
    {
        public static bool ReadsField => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Holds<TV>(TV x, TV low, TV high)
            where TV : unmanaged, ILanes<TV> => TV.LessThanOrEqual(x, high);
    }

    private readonly struct RangeBound : IBound
    {
        public static bool ReadsField => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Holds<TV>(TV x, TV low, TV high)
            where TV : unmanaged, ILanes<TV> => TV.And(TV.GreaterThanOrEqual(x, low), TV.LessThanOrEqual(x, high));
    }

    private readonly struct NoBound : IBound
    {
        public static bool ReadsField => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Holds<TV>(TV x, TV low, TV high)
            where TV : unmanaged, ILanes<TV> => TV.IsNumber(TV.Zero);
    }
}
