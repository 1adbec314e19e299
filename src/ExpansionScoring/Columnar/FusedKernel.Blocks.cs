using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Columnar;

/// <content>
/// The batch kernel proper. A book is scored in blocks of <see cref="BlockSize"/> accounts; each block goes through a
/// few short passes (signals → composite, probability and band; gates; one pass per offer rule; dollars, window and
/// outcome; sums), each a tight loop whose constants stay in registers, with the block's intermediate columns in
/// stack buffers that stay in the L1 cache. Every pass runs on <c>TV</c> lanes, then one lane at a time for the
/// block's last few accounts.
/// </content>
internal sealed partial class FusedKernel
{
    private const int BlockSize = 1024;


    /// <summary>Scores every row of <paramref name="a"/> on <typeparamref name="TV"/> lanes; adds the sums into <paramref name="totals"/>.</summary>
    /// <remarks>The scratch columns are not cleared: every pass writes a column before a later one reads it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    internal void Run<TV>(in AccountColumns a, in ScoreColumns r, int tenureLow, Span<double> totals)
        where TV : unmanaged, ILanes<TV>
    {
        int n = a.Count;
        Span<double> buffers = stackalloc double[BlockSize * (int)Column.Count];
        buffers.Slice(BlockSize * (int)Column.NaN, Math.Min(n, BlockSize)).Fill(double.NaN);
        long gated = 0;
        for (int from = 0; from < n; from += BlockSize)
        {
            int length = Math.Min(BlockSize, n - from);
            var block = new Block(a.Slice(from, length), r.Slice(from, length), buffers);
            int vector = length - (length % TV.Count);
            Signals<TV>(block, 0, vector);
            Signals<Lanes1>(block, vector, length);
            gated += Gates<TV>(block, 0, vector, tenureLow) + Gates<Lanes1>(block, vector, length, tenureLow);
            Offers<TV>(block, 0, vector);
            Offers<Lanes1>(block, vector, length);
            Finish<TV>(block, 0, vector);
            Finish<Lanes1>(block, vector, length);
            if (!totals.IsEmpty)
            {
                Sum<TV>(block, 0, vector, totals);
                Sum<Lanes1>(block, vector, length, totals);
            }
        }

        if (!totals.IsEmpty)
        {
            totals[^1] += gated;
        }
    }

    /// <summary>
    /// Pass 1: PlanFit derived where missing, composite, probability, band, missing-signal count, seat-saturation
    /// fact. The model's five yes-or-no choices become type arguments, so the JIT compiles a loop with only the
    /// arithmetic the model needs and keeps no constants for the other choices.
    /// </summary>
    private void Signals<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        if (plan.UniformWeights)
        {
            Signals<TV, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
    {
        if (plan.PointsSum)
        {
            Signals<TV, TUniform, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
    {
        if (plan.ZeroMissing)
        {
            Signals<TV, TUniform, TPointsSum, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum, TZeroMissing>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
    {
        if (plan.BandsFromScore)
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
    {
        if (plan.SeatSaturationFromPlanFit)
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, Yes>(k, from, to);
        }
        else
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, No>(k, from, to);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, TSeatsFromPlanFit>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
        where TSeatsFromPlanFit : struct, IChoice
    {
        var p = plan;
        ref double planFitIn = ref k.Input(0);
        ref double scratch = ref k.Scratch;
        ref double s1Ref = ref k.Input(1);
        ref double s2Ref = ref k.Input(2);
        ref double s3Ref = ref k.Input(3);
        ref double s4Ref = ref k.Input(4);
        ref double seatRef = ref k.Input(5);
        ref int segment = ref k.Segment;
        bool hasSegment = k.HasSegment;

        var zero = TV.Zero;
        var one = TV.Splat(1);
        var hundred = TV.Splat(100);
        var allOnes = TV.IsNumber(zero);
        double[] weights = p.Weights;
        bool uniform = TUniform.Value, zeroMissing = TZeroMissing.Value, pointsSum = TPointsSum.Value, bandsFromScore = TBandsFromScore.Value, seatsFromPlanFit = TSeatsFromPlanFit.Value;
        var w0 = TV.Splat(weights[0]);
        var w1 = TV.Splat(weights[1]);
        var w2 = TV.Splat(weights[2]);
        var w3 = TV.Splat(weights[3]);
        var w4 = TV.Splat(weights[4]);
        var weighted = TV.SplatBits(p.WeightedCount);
        var counts0 = weights[0] > 0 ? allOnes : zero;
        var counts1 = weights[1] > 0 ? allOnes : zero;
        var counts2 = weights[2] > 0 ? allOnes : zero;
        var counts3 = weights[3] > 0 ? allOnes : zero;
        var counts4 = weights[4] > 0 ? allOnes : zero;
        var maxPoints = TV.Splat(p.MaxPoints);
        var intercept = TV.Splat(p.Intercept);
        var slope = TV.Splat(p.Slope);
        var five = TV.Splat(5);
        var ninetyFive = TV.Splat(95);
        double[] thresholds = p.BandThresholds;
        var t0 = TV.Splat(thresholds.Length > 0 ? thresholds[0] : double.NegativeInfinity);
        var t1 = TV.Splat(thresholds.Length > 1 ? thresholds[1] : double.NegativeInfinity);
        var t2 = TV.Splat(thresholds.Length > 2 ? thresholds[2] : double.NegativeInfinity);
        var lastBand = TV.SplatBits(thresholds.Length);

        for (nint i = from; i < to; i += TV.Count)
        {
            var seat = TV.Load(ref seatRef, i);
            var s0 = TV.Load(ref planFitIn, i);
            var s1 = TV.Load(ref s1Ref, i);
            var s2 = TV.Load(ref s2Ref, i);
            var s3 = TV.Load(ref s3Ref, i);
            var s4 = TV.Load(ref s4Ref, i);

            // A missing PlanFit comes from the seat saturation, as the default PlanFit scorer derives it: 100 × min(1, max(s, 0)).
            var clamped = TV.AtMost(one, TV.AtLeast(zero, seat));
            s0 = TV.Select(TV.IsNumber(s0), s0, TV.Multiply(hundred, clamped));
            TV.Store(s0, ref scratch, i + At(Column.PlanFit));
            TV.Store(seatsFromPlanFit ? TV.Select(TV.IsNumber(seat), seat, TV.Divide(s0, hundred)) : seat, ref scratch, i + At(Column.Seat));

            var p0 = TV.IsNumber(s0);
            var p1 = TV.IsNumber(s1);
            var p2 = TV.IsNumber(s2);
            var p3 = TV.IsNumber(s3);
            var p4 = TV.IsNumber(s4);
            TV x0 = w0, x1 = w1, x2 = w2, x3 = w3, x4 = w4, missing;
            if (uniform)
            {
                // A set mask is −1: adding the five masks of present, weighted signals gives minus their count.
                var present = TV.AddBits(TV.AddBits(TV.AddBits(TV.AddBits(TV.And(p0, counts0), TV.And(p1, counts1)), TV.And(p2, counts2)), TV.And(p3, counts3)), TV.And(p4, counts4));
                missing = TV.AddBits(weighted, present);
            }
            else
            {
                // Without a segment column every account is Mid-Market, as Account defaults (SPEC §3).
                var seg1 = hasSegment ? TV.IntInRange(ref segment, i, 1, 1) : allOnes;
                var seg2 = hasSegment ? TV.IntInRange(ref segment, i, 2, 2) : zero;
                x0 = TV.Select(seg1, TV.Splat(weights[5]), TV.Select(seg2, TV.Splat(weights[10]), w0));
                x1 = TV.Select(seg1, TV.Splat(weights[6]), TV.Select(seg2, TV.Splat(weights[11]), w1));
                x2 = TV.Select(seg1, TV.Splat(weights[7]), TV.Select(seg2, TV.Splat(weights[12]), w2));
                x3 = TV.Select(seg1, TV.Splat(weights[8]), TV.Select(seg2, TV.Splat(weights[13]), w3));
                x4 = TV.Select(seg1, TV.Splat(weights[9]), TV.Select(seg2, TV.Splat(weights[14]), w4));
                missing = TV.SubtractBits(zero, TV.AndNot(TV.GreaterThan(x0, zero), p0));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x1, zero), p1));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x2, zero), p2));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x3, zero), p3));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x4, zero), p4));
            }

            // Composite (SPEC §3) in slot order, as the general engine adds it: a missing signal adds +0.
            var sum = TV.And(p0, TV.Multiply(x0, s0));
            sum = TV.Add(sum, TV.And(p1, TV.Multiply(x1, s1)));
            sum = TV.Add(sum, TV.And(p2, TV.Multiply(x2, s2)));
            sum = TV.Add(sum, TV.And(p3, TV.Multiply(x3, s3)));
            sum = TV.Add(sum, TV.And(p4, TV.Multiply(x4, s4)));
            TV composite;
            if (pointsSum)
            {
                composite = TV.Divide(TV.Multiply(hundred, sum), maxPoints);
            }
            else
            {
                var sumW = zeroMissing
                    ? TV.Add(TV.Add(TV.Add(TV.Add(x0, x1), x2), x3), x4)
                    : TV.Add(TV.Add(TV.Add(TV.Add(TV.And(p0, x0), TV.And(p1, x1)), TV.And(p2, x2)), TV.And(p3, x3)), TV.And(p4, x4));
                composite = TV.And(TV.GreaterThan(sumW, zero), TV.Divide(sum, sumW));
            }

            composite = TV.AtMost(hundred, TV.AtLeast(zero, composite));

            // Probability (SPEC §4): finite weights and a finite linear transform give a finite value, clamped to 5..95.
            var probability = TV.Add(intercept, TV.Multiply(slope, composite));
            probability = TV.AtMost(ninetyFive, TV.AtLeast(five, probability));

            // Band (SPEC §5): the thresholds descend, so the band is the last one less each threshold reached.
            var value = bandsFromScore ? (pointsSum ? sum : composite) : probability;
            var band = TV.AddBits(TV.AddBits(TV.AddBits(lastBand, TV.GreaterThanOrEqual(value, t0)), TV.GreaterThanOrEqual(value, t1)), TV.GreaterThanOrEqual(value, t2));
            for (int b = 3; b < thresholds.Length; b++)
            {
                band = TV.AddBits(band, TV.GreaterThanOrEqual(value, TV.Splat(thresholds[b])));
            }

            TV.Store(composite, ref scratch, i + At(Column.Composite));
            TV.Store(probability, ref scratch, i + At(Column.Probability));
            TV.Store(band, ref scratch, i + At(Column.Band));
            TV.Store(TV.Or(TV.ShiftLeftBits(band, ScoreOutcome.BandShift), TV.ShiftLeftBits(missing, ScoreOutcome.MissingShift)), ref scratch, i + At(Column.Bits));
        }
    }

    /// <summary>Pass 2: the gates (SPEC §8). NaN compares false, so missing data never blocks and is reported as not evaluated. Returns how many were gated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Gates<TV>(in Block k, int from, int to, int tenureLow)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        ref double healthRef = ref k.Input(6);
        ref double ticketsRef = ref k.Input(7);
        ref int start = ref k.Start;
        ref double bits = ref k.Ref(Column.Bits);
        ref double gatedOut = ref k.Ref(Column.Gated);
        bool healthGate = p.HealthGate, ticketGate = p.TicketGate, tenureGate = p.TenureGate && k.HasStart, tenureUnknownAll = p.TenureGate && !k.HasStart;
        var zero = TV.Zero;
        var minHealth = TV.Splat(p.MinHealth);
        var maxTickets = TV.Splat(p.MaxTickets);
        int tenureFrom = Math.Max(tenureLow, 1);
        var healthBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.Health));
        var ticketBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.SupportTickets));
        var tenureBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.Tenure));
        var healthUnknown = TV.SplatBits(healthGate ? ScoreOutcome.NotEvaluatedBits(GateFlags.Health) : 0);
        var ticketUnknown = TV.SplatBits(ticketGate ? ScoreOutcome.NotEvaluatedBits(GateFlags.SupportTickets) : 0);
        var tenureUnknown = TV.SplatBits(ScoreOutcome.NotEvaluatedBits(GateFlags.Tenure));
        var tenureUnknownConstant = TV.SplatBits(tenureUnknownAll ? ScoreOutcome.NotEvaluatedBits(GateFlags.Tenure) : 0);
        var count = zero;

        for (nint i = from; i < to; i += TV.Count)
        {
            var health = TV.Load(ref healthRef, i);
            var tickets = TV.Load(ref ticketsRef, i);
            var healthBlocked = healthGate ? TV.LessThan(health, minHealth) : zero;
            var ticketsBlocked = ticketGate ? TV.GreaterThan(tickets, maxTickets) : zero;
            var tenureBlocked = tenureGate ? TV.IntInRange(ref start, i, tenureFrom, int.MaxValue) : zero;
            var tenureMissing = tenureGate ? TV.And(TV.IntInRange(ref start, i, 0, 0), tenureUnknown) : tenureUnknownConstant;
            var gated = TV.Or(TV.Or(healthBlocked, ticketsBlocked), tenureBlocked);
            var gateBits = TV.Or(TV.Or(TV.And(healthBlocked, healthBit), TV.And(ticketsBlocked, ticketBit)), TV.And(tenureBlocked, tenureBit));
            gateBits = TV.Or(gateBits, TV.Or(TV.Or(TV.AndNot(healthUnknown, TV.IsNumber(health)), TV.AndNot(ticketUnknown, TV.IsNumber(tickets))), tenureMissing));
            TV.Store(TV.Or(TV.Load(ref bits, i), gateBits), ref bits, i);
            TV.Store(gated, ref gatedOut, i);
            count = TV.SubtractBits(count, gated);
        }

        return TV.SumBits(count);
    }

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
        var first = conditions.Length > 0 ? conditions[0] : (Field: Block.ArrField, Low: double.NegativeInfinity, High: double.PositiveInfinity);
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

    /// <summary>A yes-or-no choice of the model (or of a rule: limited to some segments), as a type argument the JIT compiles in.</summary>
    private interface IChoice
    {
        static abstract bool Value { get; }
    }

    private readonly struct Yes : IChoice
    {
        public static bool Value => true;
    }

    private readonly struct No : IChoice
    {
        public static bool Value => false;
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
                // Without a segment column every account is Mid-Market, as Account defaults (SPEC §3).
                allowed = midMarket ? allOnes : zero;
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

    /// <summary>Pass 4: dollars, the window (SPEC §7) and the packed outcome; writes the requested result columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        ref double scratch = ref k.Scratch;
        ref double arrRef = ref k.Field(Block.ArrField);
        ref double triggersRef = ref k.Input(4);
        ref double daysRef = ref k.Field(6);
        var results = k.Results;
        bool writeComposite = !results.Composite.IsEmpty, writeProbability = !results.Probability.IsEmpty;
        bool writeOpportunity = !results.Opportunity.IsEmpty, writeOutcome = !results.Outcome.IsEmpty;
        ref double compositeResult = ref MemoryMarshal.GetReference(results.Composite);
        ref double probabilityResult = ref MemoryMarshal.GetReference(results.Probability);
        ref double opportunityResult = ref MemoryMarshal.GetReference(results.Opportunity);
        ref ulong outcomeResult = ref Unsafe.As<ScoreOutcome, ulong>(ref MemoryMarshal.GetReference(results.Outcome));

        var hundred = TV.Splat(100);
        var noRule = TV.SplatBits(ruleOutcomes.Length - 1);

        // The standing rule's outcome bits and multiplier: a gather from the rule tables.
        ref double outcomeTable = ref MemoryMarshal.GetArrayDataReference(ruleOutcomes);
        ref double multiplierTable = ref MemoryMarshal.GetArrayDataReference(ruleMultiplierTable);
        var nowMinTriggers = TV.Splat(p.NowMinTriggers);
        var next30MaxDays = TV.Splat(p.Next30MaxDays);
        var windowNow = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Now));
        var window30 = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Next30Days));
        var window60 = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Next60Days));
        var windowNurture = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Nurture));

        // Each band's window memberships as bits (FusedPlan.WindowMembership), at least four entries.
        int bands = BandCount;
        long[] membership = this.membership;
        var m0 = TV.SplatBits(membership[0]);
        var m1 = TV.SplatBits(membership[1]);
        var m2 = TV.SplatBits(membership[2]);
        var m3 = TV.SplatBits(membership[3]);
        var b0 = TV.SplatBits(0);
        var b1 = TV.SplatBits(1);
        var b2 = TV.SplatBits(2);
        var isNow = TV.SplatBits(1);
        var is30 = TV.SplatBits(2);
        var is30Renewal = TV.SplatBits(4);
        var is60 = TV.SplatBits(8);

        for (nint i = from; i < to; i += TV.Count)
        {
            var gated = TV.Load(ref scratch, i + At(Column.Gated));
            var standing = TV.Select(gated, noRule, TV.Load(ref scratch, i + At(Column.Rule)));
            var multiplier = TV.Lookup(ref multiplierTable, standing);
            var rule = TV.Lookup(ref outcomeTable, standing);

            var probability = TV.Load(ref scratch, i + At(Column.Probability));
            var arr = TV.Load(ref arrRef, i);
            var opportunity = TV.AndNot(TV.Multiply(TV.Multiply(TV.Divide(probability, hundred), arr), multiplier), gated);
            TV.Store(opportunity, ref scratch, i + At(Column.Opportunity));
            if (writeOpportunity)
            {
                TV.Store(opportunity, ref opportunityResult, i);
            }

            if (writeProbability)
            {
                TV.Store(probability, ref probabilityResult, i);
            }

            if (writeComposite)
            {
                TV.Store(TV.Load(ref scratch, i + At(Column.Composite)), ref compositeResult, i);
            }

            var band = TV.Load(ref scratch, i + At(Column.Band));
            var triggers = TV.Load(ref triggersRef, i);
            var days = TV.Load(ref daysRef, i);
            var member = TV.Select(TV.EqualBits(band, b0), m0, TV.Select(TV.EqualBits(band, b1), m1, TV.Select(TV.EqualBits(band, b2), m2, m3)));
            for (int b = 4; b < bands; b++)
            {
                member = TV.Select(TV.EqualBits(band, TV.SplatBits(b)), TV.SplatBits(membership[b]), member);
            }

            var now = TV.And(TV.EqualBits(TV.And(member, isNow), isNow), TV.GreaterThanOrEqual(triggers, nowMinTriggers));
            var next30 = TV.Or(
                TV.EqualBits(TV.And(member, is30), is30),
                TV.And(TV.EqualBits(TV.And(member, is30Renewal), is30Renewal), TV.LessThanOrEqual(days, next30MaxDays)));
            var next60 = TV.EqualBits(TV.And(member, is60), is60);
            var window = TV.Select(gated, windowNurture, TV.Select(now, windowNow, TV.Select(next30, window30, TV.Select(next60, window60, windowNurture))));
            TV.Store(window, ref scratch, i + At(Column.Window));

            if (writeOutcome)
            {
                TV.StoreBits(TV.Or(TV.Or(TV.Load(ref scratch, i + At(Column.Bits)), rule), window), ref outcomeResult, i);
            }
        }
    }

    /// <summary>Pass 5: count, ARR and opportunity per band and per window, in eight running lanes per sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sum<TV>(in Block k, int from, int to, Span<double> sums)
        where TV : unmanaged, ILanes<TV>
    {
        int bands = BandCount;
        if (bands <= 4)
        {
            SumFour<TV>(k, Column.Band, 1, from, to, sums, 0, bands);
        }
        else
        {
            for (int g = 0; g < bands; g++)
            {
                SumOne<TV>(k, Column.Band, g, from, to, sums, 3 * g);
            }
        }

        SumFour<TV>(k, Column.Window, ScoreOutcome.WindowBits((PitchWindow)1), from, to, sums, 3 * bands, WindowCount);
    }

    /// <summary>Adds the count, ARR and opportunity of the rows whose key is 0, 1, 2 or 3 steps, in one loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumFour<TV>(in Block k, Column keyColumn, long step, int from, int to, Span<double> sums, int at, int groups)
        where TV : unmanaged, ILanes<TV>
    {
        ref double keys = ref k.Ref(keyColumn);
        ref double arrRef = ref k.Field(Block.ArrField);
        ref double opportunityRef = ref k.Ref(Column.Opportunity);
        var k0 = TV.SplatBits(0);
        var k1 = TV.SplatBits(step);
        var k2 = TV.SplatBits(2 * step);
        var k3 = TV.SplatBits(3 * step);
        TV c0 = TV.Zero, c1 = TV.Zero, c2 = TV.Zero, c3 = TV.Zero;
        TV a0 = TV.Zero, a1 = TV.Zero, a2 = TV.Zero, a3 = TV.Zero;
        TV o0 = TV.Zero, o1 = TV.Zero, o2 = TV.Zero, o3 = TV.Zero;
        for (nint i = from; i < to; i += TV.Count)
        {
            var key = TV.Load(ref keys, i);
            var arr = TV.Load(ref arrRef, i);
            var opportunity = TV.Load(ref opportunityRef, i);
            var m0 = TV.EqualBits(key, k0);
            var m1 = TV.EqualBits(key, k1);
            var m2 = TV.EqualBits(key, k2);
            var m3 = TV.EqualBits(key, k3);
            c0 = TV.SubtractBits(c0, m0);
            c1 = TV.SubtractBits(c1, m1);
            c2 = TV.SubtractBits(c2, m2);
            c3 = TV.SubtractBits(c3, m3);
            a0 = TV.Add(a0, TV.And(m0, arr));
            a1 = TV.Add(a1, TV.And(m1, arr));
            a2 = TV.Add(a2, TV.And(m2, arr));
            a3 = TV.Add(a3, TV.And(m3, arr));
            o0 = TV.Add(o0, TV.And(m0, opportunity));
            o1 = TV.Add(o1, TV.And(m1, opportunity));
            o2 = TV.Add(o2, TV.And(m2, opportunity));
            o3 = TV.Add(o3, TV.And(m3, opportunity));
        }

        Add(sums, at, 0, groups, c0, a0, o0);
        Add(sums, at, 1, groups, c1, a1, o1);
        Add(sums, at, 2, groups, c2, a2, o2);
        Add(sums, at, 3, groups, c3, a3, o3);

        static void Add(Span<double> sums, int at, int group, int groups, TV count, TV arr, TV opportunity)
        {
            if (group < groups)
            {
                sums[at + (3 * group)] += TV.SumBits(count);
                sums[at + (3 * group) + 1] += TV.Sum(arr);
                sums[at + (3 * group) + 2] += TV.Sum(opportunity);
            }
        }
    }

    /// <summary>Adds the count, ARR and opportunity of the rows whose key is <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumOne<TV>(in Block k, Column keyColumn, long key, int from, int to, Span<double> sums, int at)
        where TV : unmanaged, ILanes<TV>
    {
        ref double keys = ref k.Ref(keyColumn);
        ref double arrRef = ref k.Field(Block.ArrField);
        ref double opportunityRef = ref k.Ref(Column.Opportunity);
        var target = TV.SplatBits(key);
        var count = TV.Zero;
        var arr = TV.Zero;
        var opportunity = TV.Zero;
        for (nint i = from; i < to; i += TV.Count)
        {
            var m = TV.EqualBits(TV.Load(ref keys, i), target);
            count = TV.SubtractBits(count, m);
            arr = TV.Add(arr, TV.And(m, TV.Load(ref arrRef, i)));
            opportunity = TV.Add(opportunity, TV.And(m, TV.Load(ref opportunityRef, i)));
        }

        sums[at] += TV.SumBits(count);
        sums[at + 1] += TV.Sum(arr);
        sums[at + 2] += TV.Sum(opportunity);
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

    /// <summary>Returns where <paramref name="column"/> starts, counted from the first scratch column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint At(Column column) => (nint)column * BlockSize;

    /// <summary>The block's scratch columns, in order.</summary>
    private enum Column
    {
        PlanFit,
        Seat,
        Composite,
        Probability,
        Band,
        Bits,
        Gated,
        Rule,
        Fires,
        Opportunity,
        Window,
        NaN,
        Count,
    }

    /// <summary>One block: its slice of the input and result columns and its scratch columns.</summary>
    private readonly ref struct Block
    {
        public const int ArrField = 9;

        private readonly AccountColumns input;
        private readonly ScoreColumns output;
        private readonly Span<double> buffers;

        public Block(AccountColumns input, ScoreColumns output, Span<double> buffers)
        {
            this.input = input;
            this.output = output;
            this.buffers = buffers;
        }

        public bool HasSegment => !input.Segment.IsEmpty;

        public bool HasStart => !input.ContractStart.IsEmpty;

        public ref int Segment => ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Segment, int>(input.Segment));

        public ref int Start => ref MemoryMarshal.GetReference(MemoryMarshal.Cast<DateOnly, int>(input.ContractStart));

        public ref double Ref(Column buffer) => ref buffers[BlockSize * (int)buffer];

        /// <summary>Gets the first scratch column: a pass reads the others at <see cref="At"/> past it, so they share one register.</summary>
        public ref double Scratch => ref MemoryMarshal.GetReference(buffers);

        /// <summary>An input column by number (0 PlanFit as given, which the signals pass derives into its scratch column, 1–4 the other signals, 5 seat saturation, 6 health, 7 tickets), or NaNs when the book lacks it.</summary>
        public ref double Input(int column)
        {
            var span = column switch
            {
                0 => input.PlanFit,
                1 => input.Velocity,
                2 => input.Engagement,
                3 => input.Champion,
                4 => input.Triggers,
                5 => input.SeatSaturation,
                6 => input.HealthScore,
                _ => input.OpenP1P2Tickets,
            };
            return ref span.IsEmpty ? ref Ref(Column.NaN) : ref MemoryMarshal.GetReference(span);
        }

        /// <summary>A rule field (see <see cref="FieldCount"/> fields): the signals (PlanFit as derived), then seat saturation, days, probability, composite, ARR.</summary>
        public ref double Field(int field)
        {
            if (field == 0)
            {
                return ref Ref(Column.PlanFit);
            }

            if (field <= 4)
            {
                return ref Input(field);
            }

            if (field == 5)
            {
                return ref Ref(Column.Seat);
            }

            if (field == 6)
            {
                return ref input.DaysToRenewal.IsEmpty ? ref Ref(Column.NaN) : ref MemoryMarshal.GetReference(input.DaysToRenewal);
            }

            if (field == 7)
            {
                return ref Ref(Column.Probability);
            }

            return ref field == 8 ? ref Ref(Column.Composite) : ref MemoryMarshal.GetReference(input.Arr);
        }

        /// <summary>Gets the block's slice of the caller's result columns.</summary>
        public ScoreColumns Results => output;
    }
}
