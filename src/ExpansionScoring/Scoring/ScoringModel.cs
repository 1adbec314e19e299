using System.Globalization;
using System.Runtime.CompilerServices;
using ExpansionScoring.Bands;
using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// A compiled, validated, immutable scoring model. Build it once (with <see cref="Create"/> or a
/// <see cref="ScoringModelBuilder"/>), share it across threads and score any number of accounts.
/// Scoring one account allocates nothing; <see cref="Explain"/> adds the human-readable explanation.
/// </summary>
public sealed partial class ScoringModel
{
    private const double Epsilon = ConditionOfferRule.Epsilon;

    // DateOnly.AddMonths accepts −120,000..120,000 months; beyond that it throws whatever the date.
    private const int MaxAddMonths = 120_000;
    private static readonly int SegmentCount = Enum.GetValues<Segment>().Length;

    private readonly SignalKey[] slotKeys;
    private readonly ISignalScorer?[] scorers;
    private readonly int[] slotOfKey;
    private readonly double[][] segmentWeights;
    private readonly double[][] segmentWeightsNormalised;
    private readonly WeightPreset[] segmentPresets;
    private readonly IProbabilityTransform transform;
    private readonly BandDefinition[] bands;
    private readonly double[] bandMins;
    private readonly IOfferRule[] rules;
    private readonly double[] multipliers;
    private readonly string[] planLadder;
    private readonly double seatsTarget;
    private readonly bool seatSaturationFromPlanFit;
    private readonly int triggersSlot;
    private readonly WindowRule windowRule;
    private readonly int planFitSlot;
    private readonly GateOptions gates;
    private readonly bool pointsSum;
    private readonly double maxPoints;
    private readonly bool bandsFromScore;
    private readonly int[] maxAgeBySlot;

    // Hot-path copies of the above, resolved once at build time.
    private readonly ConditionOfferRule?[] conditionRules;
    private readonly bool linearTransform;
    private readonly double linearIntercept;
    private readonly double linearSlope;
    private readonly bool healthGate;
    private readonly double minHealth;
    private readonly bool ticketGate;
    private readonly int maxTickets;
    private readonly bool tenureGate;
    private readonly int tenureMonths;
    private readonly bool tenureBounded;

    internal ScoringModel(ExpansionScoringOptions options, IReadOnlyList<ISignalScorer> extraScorers, IReadOnlyList<(IOfferRule Rule, int? Priority)> codeRules, IProbabilityTransform? transform, IReadOnlyDictionary<string, WeightPreset> codePresets)
    {
        var known = ModelCompiler.KnownSignals(options, extraScorers.Select(s => s.Key), errors: null);
        slotKeys = [.. known];
        slotOfKey = new int[slotKeys.Max(k => k.Id) + 1];
        Array.Fill(slotOfKey, -1);
        scorers = new ISignalScorer?[slotKeys.Length];
        for (int i = 0; i < slotKeys.Length; i++)
        {
            slotOfKey[slotKeys[i].Id] = i;
            if (slotKeys[i].IsBuiltIn)
            {
                scorers[i] = DefaultSignalScorers.All[slotKeys[i].Id];
            }
        }

        foreach (var data in options.Scorers ?? [])
        {
            scorers[slotOfKey[SignalKey.Of(data.Signal).Id]] = data.ToScorer();
        }

        foreach (var s in extraScorers)
        {
            scorers[slotOfKey[s.Key.Id]] = s;
        }

        maxAgeBySlot = new int[slotKeys.Length];
        for (int i = 0; i < slotKeys.Length; i++)
        {
            maxAgeBySlot[i] = options.SignalMaxAgeDays is { } ages && ages.TryGetValue(slotKeys[i].Name, out int days) ? days : options.MaxSignalAgeDays ?? -1;
        }

        pointsSum = options.Aggregation == AggregationKind.PointsSum;
        maxPoints = options.MaxPoints;
        bandsFromScore = options.BandBasis == BandBasis.Score;
        Aggregation = options.Aggregation;

        // Null option sections mean "the defaults", as ModelCompiler.Validate reads them.
        var offers = options.Offers ?? new OfferOptions();
        var gateOptions = options.Gates ?? new GateOptions();

        triggersSlot = slotOfKey[SignalKey.Triggers.Id];
        planFitSlot = slotOfKey[SignalKey.PlanFit.Id];

        WeightPreset Resolve(string name)
        {
            if (codePresets.TryGetValue(name, out var p))
            {
                return p;
            }

            // Case-insensitive whatever comparer the options' dictionary was built with, as validation is.
            foreach (var (customName, custom) in options.Presets ?? [])
            {
                if (string.Equals(customName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return WeightPreset.Create(customName, custom);
                }
            }

            return WeightPreset.TryGetBuiltIn(name, out var builtIn) ? builtIn : throw new ScoringConfigurationException($"Preset: '{name}' is not a known preset.");
        }

        var bookPreset = options.Weights is { } w ? WeightPreset.Create("Custom", w) : Resolve(options.Preset);
        segmentPresets = new WeightPreset[SegmentCount];
        segmentWeights = new double[SegmentCount][];
        segmentWeightsNormalised = new double[SegmentCount][];
        for (int s = 0; s < SegmentCount; s++)
        {
            var preset = options.SegmentPresets?.TryGetValue((Segment)s, out string? name) == true ? Resolve(name!) : bookPreset;
            segmentPresets[s] = preset;
            segmentWeights[s] = new double[slotKeys.Length];
            foreach (var (key, weight) in preset.Weights)
            {
                segmentWeights[s][slotOfKey[key.Id]] = weight;
            }

            double total = segmentWeights[s].Sum();
            segmentWeightsNormalised[s] = [.. segmentWeights[s].Select(x => x / total)];
        }

        MissingSignalPolicy = options.MissingSignals;
        this.transform = transform ?? ModelCompiler.ResolveTransform(options.Probability);
        bands = ModelCompiler.ResolveBands(options.Bands);
        bandMins = [.. bands.Select(b => b.MinProbability)];

        var ruleList = (offers.Rules ?? DefaultOfferRules.Create()).Select(r => (IOfferRule)new ConditionOfferRule(r, slotOfKey)).ToList();
        foreach (var (rule, priority) in codeRules)
        {
            int at = priority ?? DefaultInsertPosition(ruleList);
            ruleList.Insert(Math.Clamp(at, 0, ruleList.Count), rule);
        }

        rules = [.. ruleList];
        conditionRules = [.. rules.Select(r => r as ConditionOfferRule)];
        multipliers = [.. Enum.GetValues<OfferKind>().Select(k => offers.Multipliers?.TryGetValue(k, out double m) == true ? m : DefaultOfferRules.Multiplier(k))];
        planLadder = [.. offers.PlanLadder ?? DefaultOfferRules.PlanLadder];
        seatsTarget = offers.SeatsTargetUtilization;
        seatSaturationFromPlanFit = offers.SeatSaturationFromPlanFit;

        var wo = options.Windows ?? new WindowOptions();
        windowRule = new WindowRule(
            BandMask(wo.NowBands ?? ["Hot"]),
            BandMask(wo.Next30Bands ?? ["Hot", "Warm"]),
            BandMask(wo.Next30RenewalBands ?? ["Watch"]),
            BandMask(wo.Next60Bands ?? ["Watch"]),
            wo.NowMinTriggers,
            wo.Next30MaxDaysToRenewal);
        gates = new GateOptions
        {
            HealthEnabled = gateOptions.HealthEnabled,
            MinHealthScore = gateOptions.MinHealthScore,
            SupportTicketsEnabled = gateOptions.SupportTicketsEnabled,
            MaxOpenP1P2Tickets = gateOptions.MaxOpenP1P2Tickets,
            TenureEnabled = gateOptions.TenureEnabled,
            MinTenureMonths = gateOptions.MinTenureMonths,
        };

        if (this.transform is LinearProbabilityTransform linear)
        {
            linearTransform = true;
            linearIntercept = linear.Intercept;
            linearSlope = linear.Slope;
        }

        healthGate = gates.HealthEnabled;
        minHealth = gates.MinHealthScore;
        ticketGate = gates.SupportTicketsEnabled;
        maxTickets = gates.MaxOpenP1P2Tickets;
        tenureGate = gates.TenureEnabled;
        tenureMonths = gates.MinTenureMonths;
        tenureBounded = tenureMonths is >= 0 and <= MaxAddMonths;

        BatchPathFallbackReason = FusedPlan.Unsupported(slotKeys, scorers, rules, bands.Length, tenureMonths, linearTransform);
        kernel = BatchPathFallbackReason is null ? new FusedKernel(CompileFusedPlan()) : null;
    }

    /// <summary>Gets the model with every SPEC default: MidMarketBalanced, 5 + 0.9 × composite, the SPEC bands, rules, windows and gates.</summary>
    public static ScoringModel Default { get; } = new ScoringModelBuilder().Build();

    /// <summary>Gets the signals the model reads, built-ins first.</summary>
    public IReadOnlyList<SignalKey> Signals => slotKeys;

    /// <summary>Gets the bands, highest first.</summary>
    public IReadOnlyList<BandDefinition> Bands => bands;

    /// <summary>Gets the offer rules' names in priority order.</summary>
    public IReadOnlyList<string> OfferRules => [.. rules.Select(r => r.Name)];

    /// <summary>Gets how the signals combine into the score.</summary>
    public AggregationKind Aggregation { get; }

    /// <summary>Gets the missing-signal policy.</summary>
    public MissingSignalPolicy MissingSignalPolicy { get; }

    /// <summary>Gets the probability transform (its output is clamped to 5..95).</summary>
    public IProbabilityTransform ProbabilityTransform => transform;

    /// <summary>Gets the plan ladder, lowest first.</summary>
    public IReadOnlyList<string> PlanLadder => planLadder;

    /// <summary>Builds a model from options.</summary>
    /// <param name="options">The options; <see langword="null"/> for the SPEC defaults.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    public static ScoringModel Create(ExpansionScoringOptions? options = null)
        => new ScoringModelBuilder(options ?? new ExpansionScoringOptions()).Build();

    /// <summary>Gets the preset that applies to accounts of <paramref name="segment"/>.</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is undefined.</exception>
    public WeightPreset PresetFor(Segment segment) => segmentPresets[(int)Guard.Defined(segment)];

    /// <summary>Gets the dollar multiplier of an offer kind.</summary>
    /// <param name="offer">The offer kind.</param>
    /// <returns>The multiplier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offer"/> is undefined.</exception>
    public double MultiplierOf(OfferKind offer) => multipliers[(int)Guard.Defined(offer)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AtLeast(double x, double threshold) => x >= threshold - Epsilon;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int DefaultInsertPosition(List<IOfferRule> rules)
        => rules.Count > 0 && rules[^1] is ConditionOfferRule { } last && last.Name == "Fallback" ? rules.Count - 1 : rules.Count;

    private int BandMask(List<string> names)
    {
        int mask = 0;
        for (int i = 0; i < bands.Length; i++)
        {
            if (names.Contains(bands[i].Name, StringComparer.OrdinalIgnoreCase))
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }

    private int IndexOfPlan(string plan) => OfferRuleArguments.IndexOfPlan(planLadder, plan);
}
