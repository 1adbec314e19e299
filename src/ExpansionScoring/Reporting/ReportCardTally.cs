using ExpansionScoring.Windows;
using System.Globalization;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Reporting;

/// <summary>
/// The sums and counts the report card is read from: O(signals) state, exactly mergeable (counts are integers,
/// sums are <see cref="ExactSum"/>s), so a tally of disjoint parts merges into exactly the tally of the whole.
/// </summary>
internal sealed class ReportCardTally
{
    private const double Epsilon = 1e-9;
    private static readonly int SegmentCount = Enum.GetValues<Segment>().Length;

    private readonly ScoringModel model;
    private readonly ReportCardSettings settings;
    private readonly bool[] highBand;
    private readonly double[][] weights;
    private readonly double[] totalWeight;
    private readonly int planFitSlot;
    private readonly int championSlot;
    private readonly int triggersSlot;
    private readonly long[] present;

    private long accounts;
    private ExactSum arr;
    private ExactSum pipeline;
    private ExactSum highArr;
    private ExactSum highOpportunity;
    private long saturationKnown;
    private long saturated;
    private long saturatedUnpitched;
    private ExactSum saturationKnownArr;
    private ExactSum saturatedUnpitchedArr;
    private long championCount;
    private ExactSum championSum;
    private ExactSum championArr;
    private ExactSum championArrSum;
    private long triggered;
    private ExactSum triggeredArr;
    private long hotPitchable;
    private long hotNow;
    private ExactSum hotPitchableArr;
    private ExactSum hotNowArr;
    private long meaningful;
    private ExactSum meaningfulArr;
    private ExactSum observedShare;
    private ExactSum observedShareArr;

    public ReportCardTally(ScoringModel model, ReportCardSettings settings)
    {
        this.model = model;
        this.settings = settings;
        var bands = model.Bands;
        highBand = [.. bands.Select(b => b.MinProbability >= settings.ExpansionBandMinProbability - Epsilon)];
        var keys = model.Signals;
        weights = new double[SegmentCount][];
        totalWeight = new double[SegmentCount];
        for (int s = 0; s < SegmentCount; s++)
        {
            var preset = model.PresetFor((Segment)s);
            weights[s] = [.. keys.Select(k => preset.WeightOf(k))];
            totalWeight[s] = weights[s].Where(w => w > 0).Sum();
        }

        planFitSlot = IndexOf(keys, SignalKey.PlanFit);
        championSlot = IndexOf(keys, SignalKey.Champion);
        triggersSlot = IndexOf(keys, SignalKey.Triggers);
        present = new long[keys.Count];
    }

    public void Add(in AccountScore score, ReadOnlySpan<double> values)
    {
        var account = score.Account;
        Add(account.Segment, account.Arr, score.Opportunity, score.BandIndex, score.IsGated, score.EffectiveWindow, account.GetSeatSaturation() ?? double.NaN, values);
    }

    /// <summary>Adds one account from its parts: <paramref name="seatSaturation"/> is NaN when the account gives none (the PlanFit signal then stands in).</summary>
    public void Add(Segment segment, double a, double opportunity, int bandIndex, bool isGated, PitchWindow effectiveWindow, double seatSaturation, ReadOnlySpan<double> values)
    {
        accounts++;

        // Each amount is rounded to its millionths once, then added to every sum it belongs to.
        var exactArr = ExactSum.Of(a);
        var exactOpportunity = ExactSum.Of(opportunity);
        arr.Add(exactArr);
        pipeline.Add(exactOpportunity);
        if (highBand[bandIndex])
        {
            highArr.Add(exactArr);
            highOpportunity.Add(exactOpportunity);
        }

        double saturation = !double.IsNaN(seatSaturation) ? seatSaturation
            : (planFitSlot >= 0 && !double.IsNaN(values[planFitSlot]) ? values[planFitSlot] / 100 : double.NaN);
        if (!double.IsNaN(saturation))
        {
            saturationKnown++;
            saturationKnownArr.Add(exactArr);
            if (saturation >= settings.SaturationThreshold - Epsilon)
            {
                saturated++;
                if (!isGated && effectiveWindow != PitchWindow.Now)
                {
                    saturatedUnpitched++;
                    saturatedUnpitchedArr.Add(exactArr);
                }
            }
        }

        if (championSlot >= 0 && values[championSlot] is var champion && !double.IsNaN(champion))
        {
            championCount++;
            championSum.Add(champion);
            championArr.Add(exactArr);
            championArrSum.Add(a * champion);
        }

        if (triggersSlot >= 0 && values[triggersSlot] > settings.TriggerMinSignal)
        {
            triggered++;
            triggeredArr.Add(exactArr);
        }

        if (bandIndex == 0 && !isGated)
        {
            hotPitchable++;
            hotPitchableArr.Add(exactArr);
            if (effectiveWindow == PitchWindow.Now)
            {
                hotNow++;
                hotNowArr.Add(exactArr);
            }
        }

        double[] w = weights[(int)segment];
        double observed = 0;
        bool anyMeaningful = false;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                continue;
            }

            present[i]++;
            anyMeaningful |= v >= settings.MeaningfulSignal - Epsilon;
            if (w[i] > 0)
            {
                observed += w[i];
            }
        }

        if (anyMeaningful)
        {
            meaningful++;
            meaningfulArr.Add(a);
        }

        double total = totalWeight[(int)segment];
        double share = total > 0 ? observed / total : 0;
        observedShare.Add(share);
        observedShareArr.Add(a * share);
    }

    public void Merge(ReportCardTally other)
    {
        accounts += other.accounts;
        arr.Add(other.arr);
        pipeline.Add(other.pipeline);
        highArr.Add(other.highArr);
        highOpportunity.Add(other.highOpportunity);
        saturationKnown += other.saturationKnown;
        saturated += other.saturated;
        saturatedUnpitched += other.saturatedUnpitched;
        saturationKnownArr.Add(other.saturationKnownArr);
        saturatedUnpitchedArr.Add(other.saturatedUnpitchedArr);
        championCount += other.championCount;
        championSum.Add(other.championSum);
        championArr.Add(other.championArr);
        championArrSum.Add(other.championArrSum);
        triggered += other.triggered;
        triggeredArr.Add(other.triggeredArr);
        hotPitchable += other.hotPitchable;
        hotNow += other.hotNow;
        hotPitchableArr.Add(other.hotPitchableArr);
        hotNowArr.Add(other.hotNowArr);
        meaningful += other.meaningful;
        meaningfulArr.Add(other.meaningfulArr);
        observedShare.Add(other.observedShare);
        observedShareArr.Add(other.observedShareArr);
        for (int i = 0; i < present.Length; i++)
        {
            present[i] += other.present[i];
        }
    }

    public ReportCard Build()
    {
        var s = settings;
        var scale = s.LetterScale;
        string high = string.Join(" + ", model.Bands.Where((_, i) => highBand[i]).Select(b => b.Name));
        string top = model.Bands[0].Name;
        var dims = new ReportCardDimension[7];

        // Account Expansion
        double? m = arr.Ratio(highArr);
        dims[0] = Dimension(ReportDimension.AccountExpansion, "Account Expansion", m, Percent(m), Percent(m),
            m is { } ae ? Invariant($"{ae * 100:0} % of book ARR is in {high}") : "no ARR in the book",
            $"Most ARR sits below {high}: lift the next band's accounts on their weakest signal (often Champion or Velocity) before forecasting expansion.");

        // Pipeline $ Quality
        m = pipeline.Ratio(highOpportunity);
        dims[1] = Dimension(ReportDimension.PipelineQuality, "Pipeline $ Quality", m, Percent(m), Percent(m),
            m is { } pq ? Invariant($"{pq * 100:0} % of pipeline dollars are in {high}") : "no pipeline dollars",
            "Pipeline dollars lean on low-probability accounts: qualify lower-band offers before counting them as pipeline.");

        // Plan-Fit Saturation
        m = saturationKnown > 0 ? (double)saturatedUnpitched / saturationKnown : null;
        double? mArr = saturationKnownArr.Ratio(saturatedUnpitchedArr);
        double? satShare = saturationKnown > 0 ? (double)saturated / saturationKnown : null;
        dims[2] = Dimension(ReportDimension.PlanFitSaturation, "Plan-Fit Saturation", m, SaturationPoints(m), SaturationPoints(mArr),
            m is { } pf
                ? Invariant($"{pf * 100:0} % of accounts with seat data are at or above {s.SaturationThreshold * 100:0} % of seats and not pitched now ({satShare * 100:0} % saturated{(satShare > s.SaturatedZoneShare ? " — Saturated zone" : string.Empty)})")
                : "no seat data",
            "Saturated accounts are waiting: pitch seat upsells now, before users hit the ceiling.");

        // Champion Strength
        m = championCount > 0 ? championSum.Value / championCount : null;
        mArr = championArr.Ratio(championArrSum);
        dims[3] = Dimension(ReportDimension.ChampionStrength, "Champion Strength", m, Clamp(m), Clamp(mArr),
            m is { } cs ? Invariant($"mean Champion signal {cs:0.#}") : "no Champion signal",
            "Champions are thin: name an executive sponsor and touch each champion at least every 90 days.");

        // Trigger Event Capture
        m = accounts > 0 && triggersSlot >= 0 ? (double)triggered / accounts : null;
        mArr = triggersSlot >= 0 ? arr.Ratio(triggeredArr) : null;
        string feed = m < s.TriggerBlindShare ? " — operating blind" : m > s.TriggerSystematicShare ? " — a systematic feed" : string.Empty;
        dims[4] = Dimension(ReportDimension.TriggerCapture, "Trigger Event Capture", m, TriggerPoints(m), TriggerPoints(mArr),
            m is { } tc ? Invariant($"{tc * 100:0} % of accounts show a trigger event{feed}") : "no Triggers signal",
            "Trigger events are slipping by: wire a feed for funding rounds, hiring, promotions and usage-limit hits.");

        // Time-to-Pitch Discipline
        m = hotPitchable > 0 ? (double)hotNow / hotPitchable : null;
        mArr = hotPitchableArr.Ratio(hotNowArr);
        dims[5] = Dimension(ReportDimension.TimeToPitch, "Time-to-Pitch Discipline", m, Percent(m), Percent(mArr),
            m is { } tp ? Invariant($"{tp * 100:0} % of pitchable {top} accounts are in Now") : $"no pitchable {top} accounts",
            $"{top} accounts are drifting: pitch them this week while their triggers are fresh.");

        // Coverage: the density of meaningful signals, capped by the data coverage (the share of the preset weight that rests
        // on observed signals, × 100), so a book whose accounts rest on one signal of five cannot grade well however
        // strong that one signal is.
        m = accounts > 0 ? (double)meaningful / accounts : null;
        mArr = arr.Ratio(meaningfulArr);
        double? dataCoverage = accounts > 0 ? observedShare.Value / accounts : null;
        double? density = CoveragePoints(m);
        double? coverage = density is { } dv && dataCoverage is { } dc ? Math.Min(dv, 100 * dc) : density;
        double? coverageArr = CoveragePoints(mArr) is { } da && arr.Ratio(observedShareArr) is { } dca ? Math.Min(da, 100 * dca) : CoveragePoints(mArr);
        bool capped = coverage < density;
        bool instrument = coverage < s.InstrumentFirstBelow;
        dims[6] = Dimension(ReportDimension.Coverage, "Coverage", m, coverage, coverageArr,
            m is { } cv ? Invariant($"{cv * 100:0} % of accounts have a signal of {s.MeaningfulSignal:0.#} or more{(capped ? $", but the data covers {dataCoverage * 100:0} % of the signal weight" : string.Empty)}{(instrument ? " — instrument before pitching" : string.Empty)}") : "no accounts",
            "Too few accounts show a meaningful signal: instrument usage, seats and champion data before pitching.");

        var applicable = dims.Where(d => d.Score is not null).ToList();
        double? overall = applicable.Count > 0 ? applicable.Sum(d => d.Score!.Value) / applicable.Count : null;
        var arrApplicable = dims.Where(d => d.ArrWeightedScore is not null).ToList();
        double? overallArr = arrApplicable.Count > 0 ? arrApplicable.Sum(d => d.ArrWeightedScore!.Value) / arrApplicable.Count : null;
        ReportCardDimension? weakest = null;
        foreach (var d in applicable)
        {
            if (weakest is null || d.Score < weakest.Score)
            {
                weakest = d;
            }
        }

        var keys = model.Signals;
        var signalCoverage = new Dictionary<string, double>(keys.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < keys.Count; i++)
        {
            // A signal no preset weighs and no account supplies (a built-in added to the table unweighted) is not reported.
            if (present[i] > 0 || weights.Any(w => w[i] > 0))
            {
                signalCoverage[keys[i].Name] = accounts > 0 ? (double)present[i] / accounts : 0;
            }
        }

        return new ReportCard
        {
            AccountCount = checked((int)accounts),
            Score = overall,
            Grade = ReportCard.Letter(overall, scale),
            ArrWeightedScore = overallArr,
            ArrWeightedGrade = ReportCard.Letter(overallArr, scale),
            Dimensions = dims,
            Weakest = weakest?.Dimension,
            Advice = weakest?.Advice ?? "Not enough data to grade the book yet: score accounts with signals first.",
            SaturatedShare = satShare,
            IsSaturatedZone = satShare > s.SaturatedZoneShare,
            InstrumentFirst = instrument,
            DataCoverage = dataCoverage,
            ArrWeightedDataCoverage = arr.Ratio(observedShareArr),
            SignalCoverage = signalCoverage,
        };

        ReportCardDimension Dimension(ReportDimension kind, string name, double? measure, double? score, double? arrScore, string detail, string advice) => new()
        {
            Dimension = kind,
            Name = name,
            Measure = measure,
            Score = score,
            Grade = ReportCard.Letter(score, scale),
            ArrWeightedScore = arrScore,
            ArrWeightedGrade = ReportCard.Letter(arrScore, scale),
            Detail = detail,
            Advice = advice,
        };
    }

    private static double? Percent(double? share) => share is { } x ? Math.Clamp(100 * x, 0, 100) : null;

    private static double? Clamp(double? points) => points is { } x ? Math.Clamp(x, 0, 100) : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<SignalKey> keys, SignalKey key)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    private double? SaturationPoints(double? unpitchedShare)
        => unpitchedShare is { } u ? Math.Clamp(100 * (1 - (u / settings.SaturationZeroPointsShare)), 0, 100) : null;

    private double? TriggerPoints(double? share)
    {
        if (share is not { } t)
        {
            return null;
        }

        double blind = settings.TriggerBlindShare, systematic = settings.TriggerSystematicShare;
        double points = t <= blind ? 50 * t / blind : 50 + (50 * (t - blind) / (systematic - blind));
        return Math.Clamp(points, 0, 100);
    }

    private double? CoveragePoints(double? share)
        => share is { } c ? Math.Clamp(c * settings.CoverageAnchorPoints / settings.CoverageAnchorShare, 0, 100) : null;
}

/// <summary>A frozen, validated copy of <see cref="ReportCardOptions"/>; two accumulators merge only when theirs are equal.</summary>
internal sealed class ReportCardSettings : IEquatable<ReportCardSettings>
{
    public ReportCardSettings(ReportCardOptions o)
    {
        ExpansionBandMinProbability = o.ExpansionBandMinProbability;
        SaturationThreshold = o.SaturationThreshold;
        SaturatedZoneShare = o.SaturatedZoneShare;
        SaturationZeroPointsShare = o.SaturationZeroPointsShare;
        TriggerMinSignal = o.TriggerMinSignal;
        TriggerBlindShare = o.TriggerBlindShare;
        TriggerSystematicShare = o.TriggerSystematicShare;
        MeaningfulSignal = o.MeaningfulSignal;
        CoverageAnchorShare = o.CoverageAnchorShare;
        CoverageAnchorPoints = o.CoverageAnchorPoints;
        InstrumentFirstBelow = o.InstrumentFirstBelow;
        LetterScale = o.ResolveLetterScale();
    }

    public double ExpansionBandMinProbability { get; }

    public double SaturationThreshold { get; }

    public double SaturatedZoneShare { get; }

    public double SaturationZeroPointsShare { get; }

    public double TriggerMinSignal { get; }

    public double TriggerBlindShare { get; }

    public double TriggerSystematicShare { get; }

    public double MeaningfulSignal { get; }

    public double CoverageAnchorShare { get; }

    public double CoverageAnchorPoints { get; }

    public double InstrumentFirstBelow { get; }

    public KeyValuePair<string, double>[] LetterScale { get; }

    public bool Equals(ReportCardSettings? other)
        => other is not null
        && ExpansionBandMinProbability.Equals(other.ExpansionBandMinProbability)
        && SaturationThreshold.Equals(other.SaturationThreshold)
        && SaturatedZoneShare.Equals(other.SaturatedZoneShare)
        && SaturationZeroPointsShare.Equals(other.SaturationZeroPointsShare)
        && TriggerMinSignal.Equals(other.TriggerMinSignal)
        && TriggerBlindShare.Equals(other.TriggerBlindShare)
        && TriggerSystematicShare.Equals(other.TriggerSystematicShare)
        && MeaningfulSignal.Equals(other.MeaningfulSignal)
        && CoverageAnchorShare.Equals(other.CoverageAnchorShare)
        && CoverageAnchorPoints.Equals(other.CoverageAnchorPoints)
        && InstrumentFirstBelow.Equals(other.InstrumentFirstBelow)
        && LetterScale.SequenceEqual(other.LetterScale);

    public override bool Equals(object? obj) => Equals(obj as ReportCardSettings);

    public override int GetHashCode() => HashCode.Combine(SaturationThreshold, MeaningfulSignal, LetterScale.Length);
}
