using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ExpansionScoring.Columnar;

/// <summary>
/// The fused, branch-free kernel behind <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>:
/// one pass over the columns computes composite, probability, band, offer, opportunity, window, gates and the
/// per-band and per-window sums. Every decision is a lane mask and a select, so the cost of an account does not
/// depend on its data. The arithmetic is the general engine's, operation for operation and in the same order
/// (no fused multiply-add), so both give bit-identical numbers.
/// </summary>
internal sealed class FusedKernel
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

    /// <summary>Scores rows with <typeparamref name="TV"/> lanes, then the rest one lane at a time; adds the sums into <paramref name="totals"/>.</summary>
    internal void Run<TV>(in AccountColumns a, in ScoreColumns r, int tenureLow, Span<double> totals)
        where TV : unmanaged, ILanes<TV>
    {
        int done = Loop<TV>(a, r, 0, tenureLow, totals);
        if (done < a.Count)
        {
            Loop<Lanes1>(a, r, done, tenureLow, totals);
        }
    }

    /// <summary>Scores one row on the scalar lanes.</summary>
    internal RowScore Row(in AccountRow row, DateOnly asOf)
    {
        var p = plan;
        Span<Lanes1> fields = stackalloc Lanes1[FieldCount];
        fields[0] = Lanes1.Splat(row.PlanFit);
        fields[1] = Lanes1.Splat(row.Velocity);
        fields[2] = Lanes1.Splat(row.Engagement);
        fields[3] = Lanes1.Splat(row.Champion);
        fields[4] = Lanes1.Splat(row.Triggers);
        fields[5] = Lanes1.Splat(row.SeatSaturation);
        fields[6] = Lanes1.Splat(row.DaysToRenewal);
        fields[ArrField] = Lanes1.Splat(row.Arr);
        int segment = (int)row.Segment;
        int start = row.ContractStart.DayNumber;
        int tenureLow = p.TenureGate ? TenureLow(asOf) : int.MaxValue;
        var seg0 = Lanes1.IntInRange(ref segment, 0, 0, 0);
        var seg1 = Lanes1.IntInRange(ref segment, 0, 1, 1);
        var seg2 = Lanes1.IntInRange(ref segment, 0, 2, 2);
        var tenureBlocked = p.TenureGate ? Lanes1.IntInRange(ref start, 0, Math.Max(tenureLow, 1), int.MaxValue) : Lanes1.Zero;
        var tenureUnknown = p.TenureGate ? Lanes1.IntInRange(ref start, 0, 0, 0) : Lanes1.Zero;
        Step(p, fields, seg0, seg1, seg2, Lanes1.Splat(row.HealthScore), Lanes1.Splat(row.OpenP1P2Tickets), tenureBlocked, tenureUnknown, out var opportunity, out var code, out _, out _, out _);
        ulong bits = BitConverter.DoubleToUInt64Bits(Lanes1.Add(code, Lanes1.Splat(PackBias)).Value) & ScoreOutcome.PayloadMask;
        return new RowScore(fields[8].Value, fields[7].Value, opportunity.Value, new ScoreOutcome(bits), ScoringPath.Scalar);
    }

    /// <summary>2^52: added to an exact integer below 2^52, the integer is the double's mantissa bits.</summary>
    private const double PackBias = 4503599627370496.0;

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

    private int Loop<TV>(in AccountColumns a, in ScoreColumns r, int from, int tenureLow, Span<double> totals)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        int n = a.Count;
        int width = TV.Count;
        int bands = BandCount;

        var nan = TV.Splat(double.NaN);
        var allOnes = TV.IsNumber(TV.Zero);
        var one = TV.Splat(1);

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

        int accumulators = (3 * (bands + WindowCount)) + 1;
        Span<TV> acc = stackalloc TV[accumulators];
        acc.Clear();
        Span<TV> fields = stackalloc TV[FieldCount];
        var bias = TV.Splat(PackBias);
        int tenureFrom = Math.Max(tenureLow, 1);

        nint i = from;
        for (; i <= n - width; i += width)
        {
            var seg0 = hasSegment ? TV.IntInRange(ref segment, i, 0, 0) : allOnes;
            var seg1 = hasSegment ? TV.IntInRange(ref segment, i, 1, 1) : TV.Zero;
            var seg2 = hasSegment ? TV.IntInRange(ref segment, i, 2, 2) : TV.Zero;
            fields[0] = hasPlanFit ? TV.Load(ref planFit, i) : nan;
            fields[1] = hasVelocity ? TV.Load(ref velocity, i) : nan;
            fields[2] = hasEngagement ? TV.Load(ref engagement, i) : nan;
            fields[3] = hasChampion ? TV.Load(ref champion, i) : nan;
            fields[4] = hasTriggers ? TV.Load(ref triggers, i) : nan;
            fields[5] = hasSeats ? TV.Load(ref seats, i) : nan;
            fields[6] = hasDays ? TV.Load(ref days, i) : nan;
            var arrLanes = TV.Load(ref arr, i);
            fields[ArrField] = arrLanes;
            var healthLanes = hasHealth ? TV.Load(ref health, i) : nan;
            var ticketLanes = hasTickets ? TV.Load(ref tickets, i) : nan;
            var tenureBlocked = p.TenureGate && hasStart ? TV.IntInRange(ref start, i, tenureFrom, int.MaxValue) : TV.Zero;
            var tenureUnknown = p.TenureGate ? (hasStart ? TV.IntInRange(ref start, i, 0, 0) : allOnes) : TV.Zero;

            Step(p, fields, seg0, seg1, seg2, healthLanes, ticketLanes, tenureBlocked, tenureUnknown, out var opportunity, out var code, out var band, out var window, out var gated);

            if (writeComposite)
            {
                TV.Store(fields[8], ref compositeOut, i);
            }

            if (writeProbability)
            {
                TV.Store(fields[7], ref probabilityOut, i);
            }

            if (writeOpportunity)
            {
                TV.Store(opportunity, ref opportunityOut, i);
            }

            if (writeOutcome)
            {
                TV.StoreLowBits(TV.Add(code, bias), ref outcomeOut, i);
            }

            for (int b = 0; b < bands; b++)
            {
                var inBand = TV.EqualTo(band, TV.Splat(b));
                acc[3 * b] = TV.Add(acc[3 * b], TV.And(inBand, one));
                acc[(3 * b) + 1] = TV.Add(acc[(3 * b) + 1], TV.And(inBand, arrLanes));
                acc[(3 * b) + 2] = TV.Add(acc[(3 * b) + 2], TV.And(inBand, opportunity));
            }

            for (int w = 0; w < WindowCount; w++)
            {
                int at = 3 * (bands + w);
                var inWindow = TV.EqualTo(window, TV.Splat(w));
                acc[at] = TV.Add(acc[at], TV.And(inWindow, one));
                acc[at + 1] = TV.Add(acc[at + 1], TV.And(inWindow, arrLanes));
                acc[at + 2] = TV.Add(acc[at + 2], TV.And(inWindow, opportunity));
            }

            acc[^1] = TV.Add(acc[^1], TV.And(gated, one));
        }

        for (int k = 0; k < accumulators; k++)
        {
            totals[k] += TV.Sum(acc[k]);
        }

        return (int)i;
    }

    /// <summary>
    /// Scores one step of lanes. On entry <paramref name="fields"/> holds the five signals, seat saturation (NaN when
    /// unknown), days to renewal and ARR; on exit also probability (7) and composite (8), and the seat-saturation
    /// fallback applied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TV>(FusedPlan p, Span<TV> fields, TV seg0, TV seg1, TV seg2, TV health, TV tickets, TV tenureBlocked, TV tenureUnknown, out TV opportunity, out TV code, out TV band, out TV window, out TV gated)
        where TV : unmanaged, ILanes<TV>
    {
        var zero = TV.Zero;
        var one = TV.Splat(1);
        var allOnes = TV.IsNumber(zero);

        // A missing PlanFit is derived from the seat saturation as the default PlanFit scorer does: 100 × min(1, max(s, 0)).
        var seats = fields[5];
        var derived = TV.Multiply(TV.Splat(100), Clamp(seats, 0, 1));
        fields[0] = TV.Select(TV.IsNumber(fields[0]), fields[0], derived);

        // Composite (SPEC §3): Σ w·s / Σ w over the present signals, in slot order, as the general engine adds them.
        var sum = zero;
        var sumW = zero;
        var missing = zero;
        var weights = p.Weights;
        for (int s = 0; s < SignalCount; s++)
        {
            var w = p.UniformWeights
                ? TV.Splat(weights[s])
                : TV.Select(seg0, TV.Splat(weights[s]), TV.Select(seg1, TV.Splat(weights[SignalCount + s]), TV.Splat(weights[(2 * SignalCount) + s])));
            var v = fields[s];
            var present = TV.IsNumber(v);
            sum = TV.Add(sum, TV.And(present, TV.Multiply(w, v)));
            sumW = TV.Add(sumW, TV.And(p.ZeroMissing ? allOnes : present, w));
            missing = TV.Add(missing, TV.And(TV.AndNot(TV.GreaterThan(w, zero), present), one));
        }

        TV composite, raw;
        if (p.PointsSum)
        {
            raw = sum;
            composite = Clamp(TV.Divide(TV.Multiply(TV.Splat(100), sum), TV.Splat(p.MaxPoints)), 0, 100);
        }
        else
        {
            composite = TV.Select(TV.GreaterThan(sumW, zero), Clamp(TV.Divide(sum, sumW), 0, 100), zero);
            raw = composite;
        }

        // Probability (SPEC §4), clamped to 5..95.
        var probability = TV.Add(TV.Splat(p.Intercept), TV.Multiply(TV.Splat(p.Slope), composite));
        probability = Clamp(TV.Select(TV.IsNumber(probability), probability, TV.Splat(5)), 5, 95);

        // Band (SPEC §5): thresholds descend, so the band index is the number of thresholds not reached.
        var bandValue = p.BandsFromScore ? raw : probability;
        band = zero;
        var thresholds = p.BandThresholds;
        for (int b = 0; b < thresholds.Length; b++)
        {
            band = TV.Add(band, TV.AndNot(one, TV.GreaterThanOrEqual(bandValue, TV.Splat(thresholds[b]))));
        }

        // Facts the rules read, as the general engine computes them.
        var seatSaturation = fields[5];
        if (p.SeatSaturationFromPlanFit)
        {
            seatSaturation = TV.Select(TV.IsNumber(seatSaturation), seatSaturation, TV.Divide(fields[0], TV.Splat(100)));
        }

        fields[5] = seatSaturation;
        fields[7] = probability;
        fields[8] = composite;

        // Gates (SPEC §8): NaN compares false, so missing data never blocks.
        var healthBlocked = p.HealthGate ? TV.LessThan(health, TV.Splat(p.MinHealth)) : zero;
        var ticketsBlocked = p.TicketGate ? TV.GreaterThan(tickets, TV.Splat(p.MaxTickets)) : zero;
        gated = TV.Or(TV.Or(healthBlocked, ticketsBlocked), tenureBlocked);
        var blockedBits = TV.Add(TV.Add(TV.And(healthBlocked, one), TV.And(ticketsBlocked, TV.Splat(2))), TV.And(tenureBlocked, TV.Splat(4)));
        var unknownBits = TV.Add(
            TV.Add(p.HealthGate ? TV.AndNot(one, TV.IsNumber(health)) : zero, p.TicketGate ? TV.AndNot(TV.Splat(2), TV.IsNumber(tickets)) : zero),
            TV.And(tenureUnknown, TV.Splat(4)));

        // Offer (SPEC §6): rules from last to first, so the first that fires is the one left standing.
        var ruleCode = TV.Splat(p.NoRuleCode);
        var multiplier = TV.Splat(p.NurtureMultiplier);
        var rules = p.Rules;
        for (int k = rules.Length - 1; k >= 0; k--)
        {
            var rule = rules[k];
            var fires = rule.SegmentMask switch
            {
                7 => allOnes,
                _ => TV.Or(TV.Or((rule.SegmentMask & 1) != 0 ? seg0 : zero, (rule.SegmentMask & 2) != 0 ? seg1 : zero), (rule.SegmentMask & 4) != 0 ? seg2 : zero),
            };
            foreach (var c in rule.Conditions)
            {
                var x = fields[c.Field];
                fires = TV.And(fires, TV.And(TV.GreaterThanOrEqual(x, TV.Splat(c.Low)), TV.LessThanOrEqual(x, TV.Splat(c.High))));
            }

            ruleCode = TV.Select(fires, TV.Splat(rule.Code), ruleCode);
            multiplier = TV.Select(fires, TV.Splat(rule.Multiplier), multiplier);
        }

        ruleCode = TV.Select(gated, TV.Splat(p.NoRuleCode), ruleCode);
        opportunity = TV.AndNot(TV.Multiply(TV.Multiply(TV.Divide(probability, TV.Splat(100)), fields[ArrField]), multiplier), gated);

        // Window (SPEC §7), from the last choice to the first.
        var now = zero;
        var next30 = zero;
        var next30Renewal = zero;
        var next60 = zero;
        for (int b = 0; b <= thresholds.Length; b++)
        {
            int bit = 1 << b;
            if (((p.NowMask | p.Next30Mask | p.Next30RenewalMask | p.Next60Mask) & bit) == 0)
            {
                continue;
            }

            var inBand = TV.EqualTo(band, TV.Splat(b));
            now = (p.NowMask & bit) != 0 ? TV.Or(now, inBand) : now;
            next30 = (p.Next30Mask & bit) != 0 ? TV.Or(next30, inBand) : next30;
            next30Renewal = (p.Next30RenewalMask & bit) != 0 ? TV.Or(next30Renewal, inBand) : next30Renewal;
            next60 = (p.Next60Mask & bit) != 0 ? TV.Or(next60, inBand) : next60;
        }

        now = TV.And(now, TV.GreaterThanOrEqual(fields[4], TV.Splat(p.NowMinTriggers)));
        next30 = TV.Or(next30, TV.And(next30Renewal, TV.LessThanOrEqual(fields[6], TV.Splat(p.Next30MaxDays))));
        window = TV.Splat((double)PitchWindow.Nurture);
        window = TV.Select(next60, TV.Splat((double)PitchWindow.Next60Days), window);
        window = TV.Select(next30, TV.Splat((double)PitchWindow.Next30Days), window);
        window = TV.Select(now, TV.Splat((double)PitchWindow.Now), window);
        window = TV.Select(gated, TV.Splat((double)PitchWindow.Nurture), window);

        code = TV.Add(
            TV.Add(TV.Add(band, ruleCode), TV.Multiply(window, TV.Splat(1 << 20))),
            TV.Add(TV.Add(TV.Multiply(blockedBits, TV.Splat(1 << 24)), TV.Multiply(unknownBits, TV.Splat(1 << 28))), TV.Multiply(missing, TV.Splat(4294967296.0))));
    }

    /// <summary>Math.Clamp for lanes that are not NaN: below the minimum gives the minimum, above the maximum the maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Clamp<TV>(TV x, double min, double max)
        where TV : unmanaged, ILanes<TV>
    {
        var lo = TV.Splat(min);
        var hi = TV.Splat(max);
        x = TV.Select(TV.LessThan(x, lo), lo, x);
        return TV.Select(TV.GreaterThan(x, hi), hi, x);
    }

    private sealed record TenureCutoff(int AsOfDay, int Low);
}
