using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    // The asOf → lowest blocked contract-start day of the tenure gate, cached for repeated calls with one date.
    private TenureCutoff? tenure;

    internal FusedKernel(FusedPlan plan) => this.plan = plan;

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
    internal int TenureLow(DateOnly asOf)
    {
        var cached = tenure;
        if (cached is not null && cached.AsOfDay == asOf.DayNumber)
        {
            return cached.Low;
        }

        int low = ComputeTenureLow(asOf, plan.TenureMonths);
        tenure = new TenureCutoff(asOf.DayNumber, low);
        return low;
    }

    /// <summary>Scores one row on the scalar lanes.</summary>
    internal RowScore Row(in AccountRow row, DateOnly asOf)
    {
        var segment = row.Segment;
        var start = row.ContractStart;
        double planFit = row.PlanFit, velocity = row.Velocity, engagement = row.Engagement, champion = row.Champion, triggers = row.Triggers;
        double arr = row.Arr, seats = row.SeatSaturation, days = row.DaysToRenewal, health = row.HealthScore, tickets = row.OpenP1P2Tickets;
        var columns = new AccountColumns
        {
            Segment = new ReadOnlySpan<Segment>(in segment),
            PlanFit = new ReadOnlySpan<double>(in planFit),
            Velocity = new ReadOnlySpan<double>(in velocity),
            Engagement = new ReadOnlySpan<double>(in engagement),
            Champion = new ReadOnlySpan<double>(in champion),
            Triggers = new ReadOnlySpan<double>(in triggers),
            Arr = new ReadOnlySpan<double>(in arr),
            SeatSaturation = new ReadOnlySpan<double>(in seats),
            DaysToRenewal = new ReadOnlySpan<double>(in days),
            HealthScore = new ReadOnlySpan<double>(in health),
            OpenP1P2Tickets = new ReadOnlySpan<double>(in tickets),
            ContractStart = new ReadOnlySpan<DateOnly>(in start),
        };
        double composite = 0, probability = 0, opportunity = 0;
        ScoreOutcome outcome = default;
        var results = new ScoreColumns
        {
            Composite = new Span<double>(ref composite),
            Probability = new Span<double>(ref probability),
            Opportunity = new Span<double>(ref opportunity),
            Outcome = new Span<ScoreOutcome>(ref outcome),
        };
        Loop<Lanes1>(columns, results, 0, plan.TenureGate ? TenureLow(asOf) : int.MaxValue, default);
        return new RowScore(composite, probability, opportunity, outcome, ScoringPath.Scalar);
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

    /// <summary>
    /// The kernel: scores rows <paramref name="from"/>.. in steps of <typeparamref name="TV"/>'s lane count, writes the
    /// requested result columns and adds the sums into <paramref name="totals"/> (skipped when it is empty). Returns
    /// the first row not scored (fewer than a step's worth remain). Everything is inline: the JIT will not inline a
    /// method this size, and a call per step with vector arguments on the stack costs more than the step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Loop<TV>(in AccountColumns a, in ScoreColumns r, int from, int tenureLow, Span<double> totals)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        int n = a.Count;
        int width = TV.Count;
        int bands = BandCount;
        bool aggregate = !totals.IsEmpty;

        var zero = TV.Zero;
        var nan = TV.Splat(double.NaN);
        var allOnes = TV.IsNumber(zero);
        var hundred = TV.Splat(100);
        var one = TV.Splat(1);

        // Columns: an empty optional column reads as missing, decided once per call.
        bool hasSegment = !a.Segment.IsEmpty;
        bool hasPlanFit = !a.PlanFit.IsEmpty, hasVelocity = !a.Velocity.IsEmpty, hasEngagement = !a.Engagement.IsEmpty;
        bool hasChampion = !a.Champion.IsEmpty, hasTriggers = !a.Triggers.IsEmpty, hasSeats = !a.SeatSaturation.IsEmpty;
        bool hasDays = !a.DaysToRenewal.IsEmpty, hasHealth = !a.HealthScore.IsEmpty, hasTickets = !a.OpenP1P2Tickets.IsEmpty;
        bool hasStart = !a.ContractStart.IsEmpty;
        bool writeComposite = !r.Composite.IsEmpty, writeProbability = !r.Probability.IsEmpty;
        bool writeOpportunity = !r.Opportunity.IsEmpty, writeOutcome = !r.Outcome.IsEmpty;

        ref int segment = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Segment, int>(a.Segment));
        ref double planFit = ref MemoryMarshal.GetReference(a.PlanFit);
        ref double velocity = ref MemoryMarshal.GetReference(a.Velocity);
        ref double engagement = ref MemoryMarshal.GetReference(a.Engagement);
        ref double champion = ref MemoryMarshal.GetReference(a.Champion);
        ref double triggers = ref MemoryMarshal.GetReference(a.Triggers);
        ref double arr = ref MemoryMarshal.GetReference(a.Arr);
        ref double seats = ref MemoryMarshal.GetReference(a.SeatSaturation);
        ref double days = ref MemoryMarshal.GetReference(a.DaysToRenewal);
        ref double health = ref MemoryMarshal.GetReference(a.HealthScore);
        ref double tickets = ref MemoryMarshal.GetReference(a.OpenP1P2Tickets);
        ref int start = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<DateOnly, int>(a.ContractStart));
        ref double compositeOut = ref MemoryMarshal.GetReference(r.Composite);
        ref double probabilityOut = ref MemoryMarshal.GetReference(r.Probability);
        ref double opportunityOut = ref MemoryMarshal.GetReference(r.Opportunity);
        ref ulong outcomeOut = ref Unsafe.As<ScoreOutcome, ulong>(ref MemoryMarshal.GetReference(r.Outcome));

        // The model, hoisted into locals.
        bool uniform = p.UniformWeights, zeroMissing = p.ZeroMissing, pointsSum = p.PointsSum, bandsFromScore = p.BandsFromScore;
        bool seatsFromPlanFit = p.SeatSaturationFromPlanFit;
        double[] weights = p.Weights;
        var w0 = TV.Splat(weights[0]);
        var w1 = TV.Splat(weights[1]);
        var w2 = TV.Splat(weights[2]);
        var w3 = TV.Splat(weights[3]);
        var w4 = TV.Splat(weights[4]);
        var weighted = TV.SplatBits(p.WeightedCount);
        var scale = TV.Splat(100 / p.MaxPoints);
        var intercept = TV.Splat(p.Intercept);
        var slope = TV.Splat(p.Slope);
        var five = TV.Splat(5);
        var ninetyFive = TV.Splat(95);
        double[] thresholds = p.BandThresholds;
        var lastBand = TV.SplatBits(thresholds.Length);
        bool healthGate = p.HealthGate, ticketGate = p.TicketGate, tenureGate = p.TenureGate && hasStart, tenureUnknownAll = p.TenureGate && !hasStart;
        var minHealth = TV.Splat(p.MinHealth);
        var maxTickets = TV.Splat(p.MaxTickets);
        int tenureFrom = Math.Max(tenureLow, 1);
        var healthBit = TV.SplatBits((long)GateFlags.Health << 24);
        var ticketBit = TV.SplatBits((long)GateFlags.SupportTickets << 24);
        var tenureBit = TV.SplatBits((long)GateFlags.Tenure << 24);
        var healthUnknownBit = TV.SplatBits((long)GateFlags.Health << 28);
        var ticketUnknownBit = TV.SplatBits((long)GateFlags.SupportTickets << 28);
        var tenureUnknownBit = TV.SplatBits((long)GateFlags.Tenure << 28);
        var noRule = TV.SplatBits(FusedPlan.NoRuleBits);
        var nurtureMultiplier = TV.Splat(p.NurtureMultiplier);
        FusedRule[] rules = p.Rules;
        int[] conditionField = p.ConditionField;
        double[] conditionLow = p.ConditionLow;
        double[] conditionHigh = p.ConditionHigh;
        int[] conditionBounds = p.ConditionBounds;
        int nowMask = p.NowMask, next30Mask = p.Next30Mask, next30RenewalMask = p.Next30RenewalMask, next60Mask = p.Next60Mask;
        var nowMinTriggers = TV.Splat(p.NowMinTriggers);
        var next30MaxDays = TV.Splat(p.Next30MaxDays);
        var windowNow = TV.SplatBits((long)PitchWindow.Now << 20);
        var window30 = TV.SplatBits((long)PitchWindow.Next30Days << 20);
        var window60 = TV.SplatBits((long)PitchWindow.Next60Days << 20);
        var windowNurture = TV.SplatBits((long)PitchWindow.Nurture << 20);

        // Accumulators: count (as an integer), ARR and opportunity per band, then per window, then gated.
        int groups = bands + WindowCount;
        Span<TV> acc = stackalloc TV[(3 * groups) + 1];
        acc.Clear();
        Span<TV> fields = stackalloc TV[FieldCount];
        Span<TV> inBand = stackalloc TV[bands];

        nint i = from;
        for (; i <= n - width; i += width)
        {
            var seg1 = hasSegment ? TV.IntInRange(ref segment, i, 1, 1) : zero;
            var seg2 = hasSegment ? TV.IntInRange(ref segment, i, 2, 2) : zero;
            var seg0 = TV.AndNot(allOnes, TV.Or(seg1, seg2));

            var seat = hasSeats ? TV.Load(ref seats, i) : nan;
            var s0 = hasPlanFit ? TV.Load(ref planFit, i) : nan;
            var s1 = hasVelocity ? TV.Load(ref velocity, i) : nan;
            var s2 = hasEngagement ? TV.Load(ref engagement, i) : nan;
            var s3 = hasChampion ? TV.Load(ref champion, i) : nan;
            var s4 = hasTriggers ? TV.Load(ref triggers, i) : nan;
            var arrLanes = TV.Load(ref arr, i);
            var daysLanes = hasDays ? TV.Load(ref days, i) : nan;

            // A missing PlanFit is derived from the seat saturation as the default PlanFit scorer does: 100 × min(1, max(s, 0)).
            var p0 = TV.IsNumber(s0);
            var clamped = TV.Select(TV.LessThan(seat, zero), zero, seat);
            clamped = TV.Select(TV.GreaterThan(clamped, one), one, clamped);
            s0 = TV.Select(p0, s0, TV.Multiply(hundred, clamped));
            p0 = TV.IsNumber(s0);
            var p1 = TV.IsNumber(s1);
            var p2 = TV.IsNumber(s2);
            var p3 = TV.IsNumber(s3);
            var p4 = TV.IsNumber(s4);

            // Composite (SPEC §3): Σ w·s / Σ w over the present signals, in slot order, as the general engine adds them
            // (a missing signal adds +0, which leaves the sum's bits unchanged).
            TV x0 = w0, x1 = w1, x2 = w2, x3 = w3, x4 = w4;
            if (!uniform)
            {
                x0 = TV.Select(seg0, w0, TV.Select(seg1, TV.Splat(weights[5]), TV.Splat(weights[10])));
                x1 = TV.Select(seg0, w1, TV.Select(seg1, TV.Splat(weights[6]), TV.Splat(weights[11])));
                x2 = TV.Select(seg0, w2, TV.Select(seg1, TV.Splat(weights[7]), TV.Splat(weights[12])));
                x3 = TV.Select(seg0, w3, TV.Select(seg1, TV.Splat(weights[8]), TV.Splat(weights[13])));
                x4 = TV.Select(seg0, w4, TV.Select(seg1, TV.Splat(weights[9]), TV.Splat(weights[14])));
            }

            var sum = TV.And(p0, TV.Multiply(x0, s0));
            sum = TV.Add(sum, TV.And(p1, TV.Multiply(x1, s1)));
            sum = TV.Add(sum, TV.And(p2, TV.Multiply(x2, s2)));
            sum = TV.Add(sum, TV.And(p3, TV.Multiply(x3, s3)));
            sum = TV.Add(sum, TV.And(p4, TV.Multiply(x4, s4)));

            TV composite, raw;
            TV missing;
            if (uniform)
            {
                // Weights with w = 0 were dropped at compile time by zeroing them, so the present count over w > 0 is exact.
                var present = TV.SubtractBits(TV.SubtractBits(TV.SubtractBits(TV.SubtractBits(TV.SubtractBits(zero, weights[0] > 0 ? p0 : zero), weights[1] > 0 ? p1 : zero), weights[2] > 0 ? p2 : zero), weights[3] > 0 ? p3 : zero), weights[4] > 0 ? p4 : zero);
                missing = TV.SubtractBits(weighted, present);
            }
            else
            {
                missing = TV.SubtractBits(zero, TV.AndNot(TV.GreaterThan(x0, zero), p0));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x1, zero), p1));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x2, zero), p2));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x3, zero), p3));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x4, zero), p4));
            }

            if (pointsSum)
            {
                raw = sum;
                composite = TV.Divide(TV.Multiply(hundred, sum), TV.Splat(p.MaxPoints));
            }
            else
            {
                var sumW = zeroMissing
                    ? TV.Add(TV.Add(TV.Add(TV.Add(x0, x1), x2), x3), x4)
                    : TV.Add(TV.Add(TV.Add(TV.Add(TV.And(p0, x0), TV.And(p1, x1)), TV.And(p2, x2)), TV.And(p3, x3)), TV.And(p4, x4));
                composite = TV.And(TV.GreaterThan(sumW, zero), TV.Divide(sum, sumW));
                raw = composite;
            }

            composite = TV.Select(TV.LessThan(composite, zero), zero, composite);
            composite = TV.Select(TV.GreaterThan(composite, hundred), hundred, composite);
            if (!pointsSum)
            {
                raw = composite;
            }

            // Probability (SPEC §4): finite weights and a finite linear transform give a finite value; clamp to 5..95.
            var probability = TV.Add(intercept, TV.Multiply(slope, composite));
            probability = TV.Select(TV.LessThan(probability, five), five, probability);
            probability = TV.Select(TV.GreaterThan(probability, ninetyFive), ninetyFive, probability);

            // Band (SPEC §5): thresholds descend, so the band is the last one less each threshold reached.
            var bandValue = bandsFromScore ? raw : probability;
            var band = lastBand;
            for (int b = 0; b < thresholds.Length; b++)
            {
                band = TV.AddBits(band, TV.GreaterThanOrEqual(bandValue, TV.Splat(thresholds[b])));
            }

            // Gates (SPEC §8): NaN compares false, so missing data never blocks, and is reported as not evaluated.
            var healthLanes = hasHealth ? TV.Load(ref health, i) : nan;
            var ticketLanes = hasTickets ? TV.Load(ref tickets, i) : nan;
            var healthBlocked = healthGate ? TV.LessThan(healthLanes, minHealth) : zero;
            var ticketsBlocked = ticketGate ? TV.GreaterThan(ticketLanes, maxTickets) : zero;
            var tenureBlocked = tenureGate ? TV.IntInRange(ref start, i, tenureFrom, int.MaxValue) : zero;
            var gated = TV.Or(TV.Or(healthBlocked, ticketsBlocked), tenureBlocked);
            var gateBits = TV.Or(TV.Or(TV.And(healthBlocked, healthBit), TV.And(ticketsBlocked, ticketBit)), TV.And(tenureBlocked, tenureBit));
            if (healthGate)
            {
                gateBits = TV.Or(gateBits, TV.AndNot(healthUnknownBit, TV.IsNumber(healthLanes)));
            }

            if (ticketGate)
            {
                gateBits = TV.Or(gateBits, TV.AndNot(ticketUnknownBit, TV.IsNumber(ticketLanes)));
            }

            if (tenureGate)
            {
                gateBits = TV.Or(gateBits, TV.And(TV.IntInRange(ref start, i, 0, 0), tenureUnknownBit));
            }
            else if (tenureUnknownAll)
            {
                gateBits = TV.Or(gateBits, tenureUnknownBit);
            }

            // Offer (SPEC §6): rules from last to first, so the first that fires is the one left standing. Each
            // condition is a closed range over one field; an infinite bound costs nothing.
            fields[0] = s0;
            fields[1] = s1;
            fields[2] = s2;
            fields[3] = s3;
            fields[4] = s4;
            fields[5] = seatsFromPlanFit ? TV.Select(TV.IsNumber(seat), seat, TV.Divide(s0, hundred)) : seat;
            fields[6] = daysLanes;
            fields[7] = probability;
            fields[8] = composite;
            fields[9] = arrLanes;
            var ruleBits = noRule;
            var multiplier = nurtureMultiplier;
            int c = conditionField.Length;
            for (int k = rules.Length - 1; k >= 0; k--)
            {
                var rule = rules[k];
                int mask = rule.SegmentMask;
                var fires = mask == 7 ? allOnes
                    : TV.Or(TV.Or((mask & 1) != 0 ? seg0 : zero, (mask & 2) != 0 ? seg1 : zero), (mask & 4) != 0 ? seg2 : zero);
                for (int j = rule.Conditions.Length; j > 0; j--)
                {
                    c--;
                    var x = fields[conditionField[c]];
                    int kind = conditionBounds[c];
                    var holds = kind switch
                    {
                        1 => TV.GreaterThanOrEqual(x, TV.Splat(conditionLow[c])),
                        2 => TV.LessThanOrEqual(x, TV.Splat(conditionHigh[c])),
                        3 => TV.And(TV.GreaterThanOrEqual(x, TV.Splat(conditionLow[c])), TV.LessThanOrEqual(x, TV.Splat(conditionHigh[c]))),
                        _ => TV.IsNumber(x),
                    };
                    fires = TV.And(fires, holds);
                }

                ruleBits = TV.Select(fires, TV.SplatBits(rule.Bits), ruleBits);
                multiplier = TV.Select(fires, TV.Splat(rule.Multiplier), multiplier);
            }

            ruleBits = TV.Select(gated, noRule, ruleBits);
            var opportunity = TV.AndNot(TV.Multiply(TV.Multiply(TV.Divide(probability, hundred), arrLanes), multiplier), gated);

            // Window (SPEC §7), from the last choice to the first.
            TV now = zero, next30 = zero, next30Renewal = zero, next60 = zero;
            for (int b = 0; b < bands; b++)
            {
                var isBand = TV.EqualBits(band, TV.SplatBits(b));
                inBand[b] = isBand;
                int bit = 1 << b;
                now = (nowMask & bit) != 0 ? TV.Or(now, isBand) : now;
                next30 = (next30Mask & bit) != 0 ? TV.Or(next30, isBand) : next30;
                next30Renewal = (next30RenewalMask & bit) != 0 ? TV.Or(next30Renewal, isBand) : next30Renewal;
                next60 = (next60Mask & bit) != 0 ? TV.Or(next60, isBand) : next60;
            }

            now = TV.AndNot(TV.And(now, TV.GreaterThanOrEqual(s4, nowMinTriggers)), gated);
            next30 = TV.AndNot(TV.Or(next30, TV.And(next30Renewal, TV.LessThanOrEqual(daysLanes, next30MaxDays))), gated);
            next60 = TV.AndNot(next60, gated);
            var window = TV.Select(now, windowNow, TV.Select(next30, window30, TV.Select(next60, window60, windowNurture)));

            if (writeComposite)
            {
                TV.Store(composite, ref compositeOut, i);
            }

            if (writeProbability)
            {
                TV.Store(probability, ref probabilityOut, i);
            }

            if (writeOpportunity)
            {
                TV.Store(opportunity, ref opportunityOut, i);
            }

            if (writeOutcome)
            {
                var bits = TV.Or(TV.Or(TV.Or(band, ruleBits), TV.Or(window, gateBits)), TV.ShiftLeftBits(missing, 32));
                TV.StoreBits(bits, ref outcomeOut, i);
            }

            if (aggregate)
            {
                for (int b = 0; b < bands; b++)
                {
                    var m = inBand[b];
                    acc[3 * b] = TV.SubtractBits(acc[3 * b], m);
                    acc[(3 * b) + 1] = TV.Add(acc[(3 * b) + 1], TV.And(m, arrLanes));
                    acc[(3 * b) + 2] = TV.Add(acc[(3 * b) + 2], TV.And(m, opportunity));
                }

                for (int w = 0; w < WindowCount; w++)
                {
                    int at = 3 * (bands + w);
                    var m = TV.EqualBits(window, TV.SplatBits((long)w << 20));
                    acc[at] = TV.SubtractBits(acc[at], m);
                    acc[at + 1] = TV.Add(acc[at + 1], TV.And(m, arrLanes));
                    acc[at + 2] = TV.Add(acc[at + 2], TV.And(m, opportunity));
                }

                acc[^1] = TV.SubtractBits(acc[^1], gated);
            }
        }

        if (aggregate)
        {
            for (int g = 0; g < groups; g++)
            {
                totals[3 * g] += TV.SumBits(acc[3 * g]);
                totals[(3 * g) + 1] += TV.Sum(acc[(3 * g) + 1]);
                totals[(3 * g) + 2] += TV.Sum(acc[(3 * g) + 2]);
            }

            totals[^1] += TV.SumBits(acc[^1]);
        }

        return (int)i;
    }

    private sealed record TenureCutoff(int AsOfDay, int Low);
}
